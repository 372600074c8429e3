-- The commission history on "My referrals" shows a person's newest rows first, a page at a time: this index serves
-- that order directly instead of sorting all of a busy referrer's rows on every page view.
create index commission_entry_user_recent_idx on commission_entry (user_id, recorded_at desc, id desc);
