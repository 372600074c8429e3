-- One name per thing: the product says "program" (US English) everywhere, so the workspace's switch follows
-- (docs/decisions/0051-one-spelling-program.md). V10 created the column under the older spelling; landed migrations
-- are never edited, so the rename happens here. Instances still running the previous version read the old name:
-- stop them before this migration runs.
alter table tenant rename column referral_programme_disabled to referral_program_disabled;
