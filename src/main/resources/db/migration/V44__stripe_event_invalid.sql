-- Signed Stripe events that break Stripe's own rules — an amount that is not whole cents, a negative tax, a missing
-- currency or id, a creation time no calendar holds, an event id reused with another body — kept for the operator
-- with the reason, never processed and never retried (docs/decisions/0100-invalid-stripe-events-are-kept-apart.md).
-- Platform scope, like stripe_event. A separate table rather than a status of stripe_event: such an event may have no
-- usable id to key it by, or share its id with the valid event already stored.
create table stripe_event_invalid (
    id          bigint generated always as identity primary key,
    -- SHA-256 of the event id, type, created and data (or of the whole body when it is not JSON): a repeated delivery
    -- of the same invalid event is kept once.
    dedupe_key  text        not null unique,
    event_id    text,
    type        text,
    reason      text        not null,
    payload     text        not null,
    answered    smallint    not null check (answered in (200, 400)),
    received_at timestamptz not null
);
create index stripe_event_invalid_received_idx on stripe_event_invalid (received_at desc);
create index stripe_event_invalid_event_idx on stripe_event_invalid (event_id);
grant select, insert on stripe_event_invalid to ${app_role};
