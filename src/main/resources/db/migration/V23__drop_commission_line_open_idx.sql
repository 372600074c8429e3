-- V13's index served the dashboard's sum of a person's unapproved lines; that sum now comes from the roll-up kept
-- since V19, and nothing else reads the index, while every status change on the webhook path and in the approval
-- job still had to maintain it.
drop index commission_line_open_idx;
