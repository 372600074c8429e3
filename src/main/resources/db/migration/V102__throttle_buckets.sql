-- Sign-in, password-reset, second-factor, sign-up and referral-click throttling as Bucket4j token buckets, the same
-- mechanism as the API's rate limits (docs/decisions/0209-one-bucket-mechanism-for-sign-in-and-api-limits.md): one row
-- per throttled key (an email's hash, an address, an account), changed under select ... for update by every instance.
-- The old counters (rate_limit) are no longer written; the table stays for one release so an instance of the previous
-- release keeps working during a rolling upgrade, and a later migration drops it.
create table throttle_bucket (
    id         text primary key,
    state      bytea,
    expires_at bigint
);
grant select, insert, update, delete on throttle_bucket to ${app_role};
