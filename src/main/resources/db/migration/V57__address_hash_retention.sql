-- Keyed address hashes of referral clicks and sign-up screenings are kept for a limited time (default 90 days), then
-- emptied; the rows stay, because attribution names its click and held commissions rest on the screening's reasons
-- and decision. See docs/decisions/0132-address-hashes-kept-for-a-limited-time.md.
alter table referral_click alter column ip_hash drop not null;

create index referral_click_hash_age_idx on referral_click (clicked_at) where ip_hash is not null;
create index referral_screening_hash_age_idx on referral_screening (screened_at) where ip_hash is not null;

-- The app's role may not update clicks (append-only) nor other people's screenings (V55): emptying the hashes is done
-- by these functions, as the owner, and they can do nothing else. Each empties at most `batch` rows older than
-- `before`, skipping rows another instance is emptying, and returns how many it emptied.
create function referral_click_forget_addresses(before timestamptz, batch int) returns bigint
    language sql security definer
    set search_path = public, pg_temp
as $$
    with due as (select id from referral_click where ip_hash is not null and clicked_at < before
                 limit batch for update skip locked),
         emptied as (update referral_click c set ip_hash = null from due where c.id = due.id returning 1)
    select count(*) from emptied
$$;

create function referral_screening_forget_addresses(before timestamptz, batch int) returns bigint
    language sql security definer
    set search_path = public, pg_temp
as $$
    with due as (select referred_user_id from referral_screening where ip_hash is not null and screened_at < before
                 limit batch for update skip locked),
         emptied as (update referral_screening s set ip_hash = null from due
                     where s.referred_user_id = due.referred_user_id returning 1)
    select count(*) from emptied
$$;

-- The owner passes referral_screening's FORCEd policies only to empty a hash (its read policy is V55's).
do $$
begin
    execute format('create policy referral_screening_owner_forget on referral_screening for update to %I'
                   ' using (ip_hash is not null) with check (ip_hash is null)', current_user);
end
$$;

revoke execute on function referral_click_forget_addresses(timestamptz, int) from public;
revoke execute on function referral_screening_forget_addresses(timestamptz, int) from public;
grant execute on function referral_click_forget_addresses(timestamptz, int) to ${app_role};
grant execute on function referral_screening_forget_addresses(timestamptz, int) to ${app_role};
