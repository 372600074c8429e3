-- Balances on "My referrals" read only the lines not yet approved (recent, frozen or held): a few per person.
create index commission_line_open_idx on commission_line (user_id) where status <> 'APPROVED';
