-- OpenID Connect Back-Channel Logout: the IdP posts a signed logout token naming its session (sid) and/or the person
-- (sub). An SSO session keeps the IdP's session id so a token with a sid ends exactly the sessions it started.
-- See docs/decisions/0136-back-channel-logout-verified-by-us.md.
alter table web_session add column idp_session_id text;
create index web_session_idp_session_idx on web_session (sso_tenant_id, idp_session_id)
    where revoked_at is null and idp_session_id is not null;

-- Logout tokens already used (by the SHA-256 of their jti), so a replayed token is refused; kept until the token would
-- be too old to be accepted anyway.
create table sso_logout_token (
    tenant_id  uuid        not null references tenant (id),
    jti_hash   text        not null,
    expires_at timestamptz not null,
    primary key (tenant_id, jti_hash)
);
alter table sso_logout_token enable row level security;
alter table sso_logout_token force row level security;
create policy sso_logout_token_tenant_isolation on sso_logout_token
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, delete on sso_logout_token to ${app_role};
