-- Custom domains a workspace sets itself (docs/decisions/0214-custom-domains-set-by-the-workspace.md): one per
-- workspace, proved by a DNS TXT record before it routes, and routing only while the workspace holds the white-label
-- add-on. Kept apart from tenant.hostnames, which tenant files rewrite at start-up. Platform scope: the request's
-- look-up reads it before any workspace is known, and a hostname is unique across all workspaces.
create table billing_custom_domain (
    subject_tenant_id uuid      primary key references tenant (id),
    hostname        text        not null unique,
    -- Shown on the page and published in DNS by the workspace, so not a secret: stored as it is.
    challenge_token text        not null,
    verified_at     timestamptz,
    created_by      uuid,
    created_at      timestamptz not null
);
grant select, insert, update, delete on billing_custom_domain to ${app_role};

-- The request's look-up (V66) also finds a workspace by its verified custom domain; otherwise unchanged.
create or replace function who_is_asking(
    p_session_hash  text,         -- sha-256 of the session cookie, or null
    p_path_slug     text,         -- /t/{slug}/…, lower case, or null
    p_host_slug     text,         -- {slug}.<base domain>, or null
    p_hostname      text,         -- another host: a workspace's custom hostname, or null
    p_now           timestamptz,  -- the application's clock
    p_idle_timeout  interval,
    p_touch_every   interval,     -- last_seen_at is written at most this often
    p_read_only     boolean)      -- the rest of the transaction only reads
returns table (
    path_tenant_id              uuid,
    host_tenant_id              uuid,
    tenant_id                   uuid,
    tenant_slug                 text,
    tenant_display_name         text,
    tenant_status               text,
    tenant_primary_color        text,
    tenant_accent_color         text,
    tenant_logo_url             text,
    tenant_hostnames            text[],
    tenant_declared_owners      text[],
    tenant_plan_override        text,
    tenant_sso                  text,
    tenant_source               text,
    tenant_referral_disabled    boolean,
    tenant_created_by_user_id   uuid,
    tenant_created_at           timestamptz,
    tenant_updated_at           timestamptz,
    session_id_hash             text,
    session_created_at          timestamptz,
    session_last_seen_at        timestamptz,
    session_expires_at          timestamptz,
    session_user_agent          text,
    session_ip_address          text,
    session_sso_tenant_id       uuid,
    session_idp_logout_hint     text,
    session_touched             boolean,
    user_id                     uuid,
    user_email                  text,
    user_email_verified_at      timestamptz,
    user_display_name           text,
    user_status                 text,
    user_signup_referral_code   text,
    user_home_tenant_id         uuid,
    user_created_at             timestamptz,
    user_updated_at             timestamptz,
    user_has_password           boolean,
    user_second_factor_required_since timestamptz,
    member_id                   uuid,
    member_role                 text,
    member_created_at           timestamptz,
    workspaces                  text)
language plpgsql volatile security invoker
set search_path = public, pg_temp
as $$
#variable_conflict use_column
declare
    s  web_session;
    u  app_user;
    t  tenant;
    by_path uuid;
    by_host uuid;
    touched boolean := false;
begin
    if p_path_slug is not null then
        select x.id into by_path from tenant x where x.slug = p_path_slug;
    end if;
    if p_host_slug is not null then
        select x.id into by_host from tenant x where x.slug = p_host_slug;
    elsif p_hostname is not null then
        select x.id into by_host from tenant x where x.hostnames @> array[p_hostname]::varchar[] order by x.id limit 1;
        -- A domain the workspace set itself routes once its TXT record was verified and while it holds white-label;
        -- a tenant file's hostname wins (docs/decisions/0214-custom-domains-set-by-the-workspace.md).
        if by_host is null then
            select d.subject_tenant_id into by_host from billing_custom_domain d
              join billing_white_label w on w.subject_tenant_id = d.subject_tenant_id
             where d.hostname = p_hostname and d.verified_at is not null;
        end if;
    end if;
    select * into t from tenant x
     where x.id = case when p_path_slug is not null then by_path else by_host end;

    if p_session_hash is not null then
        select * into s from web_session x
         where x.id_hash = p_session_hash and x.revoked_at is null
           and p_now < x.expires_at and p_now < x.last_seen_at + p_idle_timeout;
        if s.id_hash is not null then
            select * into u from app_user x where x.id = s.owner_user_id and x.status = 'ACTIVE';
        end if;
        if u.id is null then
            s := null;
        elsif p_now >= s.last_seen_at + p_touch_every then
            -- Never waits: when a parallel request of the same session holds the row, that request writes it.
            update web_session x set last_seen_at = p_now
             where x.id_hash = (select y.id_hash from web_session y
                                 where y.id_hash = s.id_hash and y.last_seen_at <= p_now - p_touch_every
                                 for update skip locked);
            touched := found;
            if touched then
                s.last_seen_at := p_now;
            end if;
        end if;
    end if;

    -- The scope of the rest of the transaction; membership below is read under it, through its policies.
    perform set_config('app.tenant_id', coalesce(t.id::text, ''), true),
            set_config('app.user_id', coalesce(u.id::text, ''), true);

    path_tenant_id := by_path;
    host_tenant_id := by_host;
    tenant_id := t.id;
    tenant_slug := t.slug;
    tenant_display_name := t.display_name;
    tenant_status := t.status;
    tenant_primary_color := t.primary_color;
    tenant_accent_color := t.accent_color;
    tenant_logo_url := t.logo_url;
    tenant_hostnames := t.hostnames::text[];
    tenant_declared_owners := t.declared_owners::text[];
    tenant_plan_override := t.plan_override;
    tenant_sso := t.sso::text;
    tenant_source := t.source;
    tenant_referral_disabled := t.referral_program_disabled;
    tenant_created_by_user_id := t.created_by_user_id;
    tenant_created_at := t.created_at;
    tenant_updated_at := t.updated_at;
    session_id_hash := s.id_hash;
    session_created_at := s.created_at;
    session_last_seen_at := s.last_seen_at;
    session_expires_at := s.expires_at;
    session_user_agent := s.user_agent;
    session_ip_address := s.ip_address;
    session_sso_tenant_id := s.sso_tenant_id;
    session_idp_logout_hint := s.idp_logout_hint;
    session_touched := touched;
    user_id := u.id;
    user_email := u.email;
    user_email_verified_at := u.email_verified_at;
    user_display_name := u.display_name;
    user_status := u.status;
    user_signup_referral_code := u.signup_referral_code;
    user_home_tenant_id := u.home_tenant_id;
    user_created_at := u.created_at;
    user_updated_at := u.updated_at;
    -- Whether a password exists, never the hash: the second-factor prompt asks it of password accounts only.
    user_has_password := u.password_hash is not null;
    user_second_factor_required_since := u.second_factor_required_since;

    if u.id is not null then
        -- A session that came from a workspace's IdP counts in that workspace only.
        if t.id is not null and (s.sso_tenant_id is null or s.sso_tenant_id = t.id) then
            select m.id, m.role, m.created_at into member_id, member_role, member_created_at
              from membership m where m.tenant_id = t.id and m.user_id = u.id;
        end if;
        select coalesce(json_agg(json_build_object('slug', w.slug, 'name', w.display_name, 'role', m.role)
                                 order by w.display_name), '[]')::text
          into workspaces
          from membership m join tenant w on w.id = m.tenant_id
         where m.user_id = u.id and w.status = 'ACTIVE'
           and (s.sso_tenant_id is null or s.sso_tenant_id = w.id);
    end if;

    if p_read_only then
        perform set_config('transaction_read_only', 'on', true);
    end if;
    return next;
end;
$$;

