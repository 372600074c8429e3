-- The leaderboard job refreshed every person with a roll-up on every run (100,000 people: minutes of work every
-- five minutes, competing with page views; bench/). Now each roll-up change appends a row naming the person (ids
-- only, platform scope) in the same transaction as the change; the job refreshes only the people named, deleting
-- the rows it took into account. A plain insert locks no existing row, so the many webhooks writing roll-ups for
-- shared sponsors never wait for each other here (a per-person counter row would: two payments under one sponsor
-- could deadlock on it together with the platform's monthly totals row).
create table referral_rollup_change (
    id             bigint generated always as identity primary key,
    member_user_id uuid not null
);
create index referral_rollup_change_member_idx on referral_rollup_change (member_user_id);

-- Everyone with a roll-up is refreshed once after this migration, as every run did before; the old list of them
-- (V8) has no other reader.
insert into referral_rollup_change (member_user_id) select member_user_id from referral_rollup_user;
drop table referral_rollup_user;

grant select, insert, delete on referral_rollup_change to ${app_role};

-- Scores and tiers are computed from the counts when read, with the points configured now; a stored score went
-- stale for everyone not refreshed since the configuration changed.
alter table leaderboard_entry drop column viral_score;
