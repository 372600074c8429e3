-- How far a streaming replica is behind, measured in data: every node stamps this one row on the primary every second
-- or so while a replica is configured; on the replica, now() minus the stamp it has replayed is its lag. Replay
-- timestamps alone would age on an idle primary and could not see a replica cut off from its primary
-- (docs/decisions/0216-lag-tolerant-reads-on-a-replica.md). A platform row: no tenant, no person.
create table replica_heartbeat (
    id smallint primary key check (id = 1),
    beat_at timestamptz not null
);
insert into replica_heartbeat (id, beat_at) values (1, now());
grant select, update on replica_heartbeat to ${app_role};
