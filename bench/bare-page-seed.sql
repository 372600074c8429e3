-- The bare reference page's own database (bench/bare-page/), on the same PostgreSQL server as the app's: 1,000,000
-- rows, 1,000 owners with 1,000 rows each, an index on (owner_id, created_at). Run as the superuser against the
-- "postgres" database; the table belongs to a non-superuser role, as the app's tables do.
\set ON_ERROR_STOP on
set client_min_messages = warning;
create role bare_page login password 'bare-page-bench' nosuperuser nobypassrls;
create database bare_page owner bare_page;
\c bare_page
set role bare_page;
create table bare_entry (
    id bigint primary key,
    owner_id int not null,
    label text not null,
    amount_minor bigint not null,
    created_at timestamptz not null
);
insert into bare_entry (id, owner_id, label, amount_minor, created_at)
select i, i % 1000, 'Row ' || i, (i::bigint * 7919) % 100000, now() - make_interval(secs => i)
from generate_series(1, 1000000) as i;
create index bare_entry_owner_created on bare_entry (owner_id, created_at desc);
-- Visibility map and statistics, so the count is an index-only scan as on a table that has lived a while.
vacuum analyze bare_entry;
