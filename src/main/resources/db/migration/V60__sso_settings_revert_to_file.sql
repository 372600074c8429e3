-- "Revert to the tenant file" on the SSO settings page removes the workspace's page settings, so the tenant file's
-- are in force again. See docs/decisions/0138-sso-settings-that-lock-nobody-out.md.
grant delete on sso_settings to ${app_role};
