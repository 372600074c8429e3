-- The leaderboard job refreshed every person with a roll-up on every run (100,000 people: minutes of work every
-- five minutes, competing with page views; bench/). Now each person's row counts the roll-up changes made for them
-- (bumped in the same transaction as the change) and remembers how many the job has taken into account; the job
-- visits only people whose two figures differ, claiming them with FOR UPDATE SKIP LOCKED so several instances
-- share the work (clarification 22).
alter table referral_rollup_user add column changes bigint not null default 1;
alter table referral_rollup_user add column refreshed_changes bigint not null default 0;

-- Everyone starts as waiting (1 change, 0 taken into account): the first run after this migration refreshes each
-- person once, as every run did before.
create index referral_rollup_user_pending_idx on referral_rollup_user (member_user_id) where changes <> refreshed_changes;

grant update (changes, refreshed_changes) on referral_rollup_user to ${app_role};
