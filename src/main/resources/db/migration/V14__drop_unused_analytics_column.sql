-- Commissions paid out come from referral_commission_month (V12), kept by the referral feature itself; this copy was
-- never written.
alter table analytics_month drop column commissions_paid_cents;
