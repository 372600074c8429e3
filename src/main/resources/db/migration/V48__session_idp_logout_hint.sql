-- What RP-initiated logout needs of an SSO session: the ID token the IdP issued, sent back as id_token_hint so the
-- IdP ends its own session without asking the person. Kept with our session (never in a cookie), encrypted by the
-- SSO feature (AES-GCM, bound to the workspace), and cleared when the session ends.
-- See docs/decisions/0110-sso-tokens-stay-on-the-server.md.
alter table web_session add column idp_logout_hint text;
