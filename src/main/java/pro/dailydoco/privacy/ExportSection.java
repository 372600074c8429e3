package pro.dailydoco.privacy;

import java.util.List;

/**
 * One table of an export: the file name in the zip and the query over a feature's published export view
 * (V56, {@code security_invoker}: it runs in the scope of whom the export is about). {@code ?1} is that person's or
 * workspace's id as text. The views leave out secrets: password and token hashes, session ids, SSO secrets.
 */
record ExportSection(String name, String sql) {

    /** Everything held about a person, read as that person. */
    static final List<ExportSection> PERSON = List.of(
            new ExportSection("account", "select * from account_export_profile where id = cast(?1 as uuid)"),
            new ExportSection("memberships",
                    "select * from account_export_membership where user_id = cast(?1 as uuid) order by created_at"),
            new ExportSection("sessions",
                    "select * from account_export_session where owner_user_id = cast(?1 as uuid) order by created_at"),
            new ExportSection("platform_audit_entries", """
                    select * from audit_export_platform_entry
                    where actor_user_id = cast(?1 as uuid) or (target_type = 'user' and target_id = ?1) order by seq"""),
            new ExportSection("referral_codes",
                    "select * from referral_export_code where user_id = cast(?1 as uuid) order by created_at"),
            new ExportSection("referral_link_clicks",
                    "select * from referral_export_click where sponsor_user_id = cast(?1 as uuid) order by clicked_at"),
            new ExportSection("referral_attribution",
                    "select * from referral_export_attribution where user_id = cast(?1 as uuid)"),
            new ExportSection("referral_screening",
                    "select * from referral_export_screening where referred_user_id = cast(?1 as uuid)"),
            new ExportSection("commission_entries",
                    "select * from commission_export_entry where user_id = cast(?1 as uuid) order by recorded_at, invoice_id"),
            new ExportSection("commission_lines",
                    "select * from commission_export_line where user_id = cast(?1 as uuid) order by status_changed_at"),
            new ExportSection("payouts",
                    "select * from payout_export_payout where user_id = cast(?1 as uuid) order by created_at"),
            new ExportSection("payout_lines",
                    "select * from payout_export_line where user_id = cast(?1 as uuid) order by payout_id, invoice_id"),
            new ExportSection("payout_destination",
                    "select * from payout_export_destination where earner_user_id = cast(?1 as uuid)"),
            new ExportSection("leaderboard_consent",
                    "select * from leaderboard_export_profile where user_id = cast(?1 as uuid)"));

    /**
     * A person's entries in the audit log of one of their workspaces, read in that workspace's scope (one run per
     * workspace they belong to; {@code ?2} is the workspace).
     */
    static final ExportSection PERSON_IN_WORKSPACE_AUDIT = new ExportSection("workspace_audit_entries", """
            select * from audit_export_entry where tenant_id = cast(?2 as uuid)
            and (actor_user_id = cast(?1 as uuid) or (target_type = 'user' and target_id = ?1)) order by seq""");

    /** Everything a workspace holds, read in its scope as its owner. */
    static final List<ExportSection> WORKSPACE = List.of(
            new ExportSection("workspace", "select * from tenant_export_settings where id = cast(?1 as uuid)"),
            new ExportSection("members",
                    "select * from account_export_member where tenant_id = cast(?1 as uuid) order by created_at"),
            new ExportSection("invitations",
                    "select * from account_export_invitation where tenant_id = cast(?1 as uuid) order by created_at"),
            new ExportSection("projects",
                    "select * from project_export_project where tenant_id = cast(?1 as uuid) order by created_at"),
            new ExportSection("videos",
                    "select * from project_export_video where tenant_id = cast(?1 as uuid) order by created_at"),
            new ExportSection("subscription",
                    "select * from billing_export_subscription where tenant_id = cast(?1 as uuid)"),
            new ExportSection("invoices",
                    "select * from billing_export_invoice where tenant_id = cast(?1 as uuid) order by stripe_created"),
            new ExportSection("sso_settings", "select * from sso_export_settings where tenant_id = cast(?1 as uuid)"),
            new ExportSection("sso_domains",
                    "select * from sso_export_domain where tenant_id = cast(?1 as uuid) order by created_at"),
            new ExportSection("audit_log",
                    "select * from audit_export_entry where tenant_id = cast(?1 as uuid) order by seq"));
}
