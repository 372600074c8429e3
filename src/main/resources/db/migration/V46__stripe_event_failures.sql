-- Stripe events: failures counted apart from attempts. An event that waits for Stripe (not configured, or not
-- answering) is tried again with back-off like a failed one, but waiting is not failing: only failures lead to the
-- operator's flag (docs/decisions/0105-stripe-look-ups-before-the-transaction.md). Every attempt before this
-- migration that did not succeed was a failure.
alter table stripe_event add column failures integer not null default 0;
update stripe_event set failures = attempts where status <> 'DONE';
-- The retry job claims due events oldest first (docs/decisions/0106-stripe-event-claims-and-back-off.md).
create index stripe_event_claim_idx on stripe_event (next_attempt_at, received_at) where status = 'PENDING';
drop index stripe_event_due_idx;
