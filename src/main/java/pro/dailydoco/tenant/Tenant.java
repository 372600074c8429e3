package pro.dailydoco.tenant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An organisation. Platform scope: the row itself is visible to every tenant, its data is not. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    public enum Source implements pro.dailydoco.core.Labelled {
        YAML("Tenant file"),
        SIGNUP("Sign-up");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    @Id
    public UUID id;

    public String slug;

    @Column(name = "display_name")
    public String displayName;

    @Enumerated(EnumType.STRING)
    public TenantStatus status = TenantStatus.ACTIVE;

    @Column(name = "primary_color")
    public String primaryColor = "#1f6feb";

    @Column(name = "accent_color")
    public String accentColor = "#8250df";

    @Column(name = "logo_url")
    public String logoUrl;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> hostnames = new ArrayList<>();

    /**
     * Emails declared as owners in tenants/*.yaml (lower case): they become owners once their verified accounts exist
     * and can't be demoted on the page (docs/decisions/0112-owners-declared-in-tenant-files.md).
     */
    @Column(name = "declared_owners")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> declaredOwners = new ArrayList<>();

    /** A plan fixed by the operator in tenants/*.yaml; it wins over the Stripe subscription. */
    @Column(name = "plan_override")
    public String planOverride;

    /** SSO settings as declared (validated JSON); the SSO feature reads them. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String sso;

    @Enumerated(EnumType.STRING)
    public Source source;

    /**
     * The workspace switched the referral program off for the people whose home it is
     * (docs/decisions/0022-home-workspace-opt-out.md).
     */
    @Column(name = "referral_program_disabled")
    public boolean referralProgramDisabled;

    /** The user who signed up with this tenant; never changes. Null for tenants declared in YAML. */
    @Column(name = "created_by_user_id")
    public UUID createdByUserId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isSuspended() {
        return status == TenantStatus.SUSPENDED;
    }

    /** Tenants whose file declares {@code email} (lower case) an owner. */
    public static List<Tenant> declaringOwner(String email) {
        return list("from Tenant t where array_contains(t.declaredOwners, ?1)", email);
    }

    /** Whether the tenant file declares {@code email} an owner. */
    public boolean declaresOwner(String email) {
        return email != null && declaredOwners != null && declaredOwners.contains(email.toLowerCase(java.util.Locale.ROOT));
    }

    public static Optional<Tenant> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public static Optional<Tenant> findByHostname(String hostname) {
        return find("from Tenant t where array_contains(t.hostnames, ?1)", hostname).firstResultOptional();
    }
}
