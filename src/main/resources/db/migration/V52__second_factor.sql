-- A second factor for password sign-in: a TOTP authenticator (RFC 6238) and single-use recovery codes.
-- Platform tables like web_session and email_token: they name their person as owner_user_id and are read before a
-- session exists (the sign-in's second step), so they carry no row-level policy; the app reaches them only through
-- account.secondfactor (docs/decisions/0125-second-factor-totp-and-recovery-codes.md).

-- One authenticator per person. secret_sealed is the TOTP key encrypted with AES-256-GCM under
-- DAILYDOCO_SECOND_FACTOR_KEY, bound to the person's id; confirmed_at is null while enrolment waits for a first code.
-- last_step is the last accepted 30-second step: a code of that step or an earlier one is refused (no replay).
create table second_factor (
    owner_user_id uuid        primary key references app_user (id),
    secret_sealed text        not null,
    created_at    timestamptz not null,
    confirmed_at  timestamptz,
    last_step     bigint
);

-- Recovery codes, shown once at enrolment; only their SHA-256 (with the owner's id) is kept. Using one sets used_at.
create table second_factor_recovery_code (
    id            uuid        primary key,
    owner_user_id uuid        not null references app_user (id),
    code_hash     text        not null,
    created_at    timestamptz not null,
    used_at       timestamptz,
    unique (owner_user_id, code_hash)
);

-- A sign-in waiting for its second step: the password was right, no session exists yet. The browser holds a random
-- token (cookie); only its SHA-256 is kept, so every instance can finish the sign-in. Short-lived and single-use.
create table second_factor_challenge (
    token_hash    text        primary key,
    owner_user_id uuid        not null references app_user (id),
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    used_at       timestamptz
);
create index second_factor_challenge_owner_idx on second_factor_challenge (owner_user_id);

-- When a second factor first became required of this person (platform operator, owner of a paid workspace): the grace
-- period counts from here (docs/decisions/0126-second-factor-required-with-a-grace-period.md).
alter table app_user add column second_factor_required_since timestamptz;

grant select, insert, update, delete on second_factor to ${app_role};
grant select, insert, update, delete on second_factor_recovery_code to ${app_role};
grant select, insert, update, delete on second_factor_challenge to ${app_role};
