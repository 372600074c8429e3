-- Owners declared in tenants/*.yaml (`owners:`, emails, lower case). Those people become owners when their
-- verified accounts exist or are created; they are never demoted on the page, and a restart never removes an owner
-- added on the page. See docs/decisions/0112-owners-declared-in-tenant-files.md.
alter table tenant add column declared_owners varchar[] not null default '{}';
