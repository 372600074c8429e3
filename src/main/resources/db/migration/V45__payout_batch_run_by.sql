-- Who ran each payout batch (docs/decisions/0102-payouts-on-the-audit-chain.md). Written when the batch is first put
-- on record, before anything is paid; batches run before this migration did not record it and stay null.
alter table payout_batch add column run_by uuid references app_user (id);
