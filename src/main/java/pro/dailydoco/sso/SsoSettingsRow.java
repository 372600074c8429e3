package pro.dailydoco.sso;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * SSO settings entered on the settings page (tenant scope: the primary key is the tenant, and row-level security
 * admits only the tenant in context). They win over the settings in tenants/*.yaml.
 */
@Entity
@Table(name = "sso_settings")
public class SsoSettingsRow extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    public String issuer;

    @Column(name = "client_id")
    public String clientId;

    /** AES-GCM ciphertext (see {@link SecretBox}); never shown again once saved. */
    @Column(name = "client_secret_enc")
    public String clientSecretEnc;

    /** Space-separated. */
    public String scopes;

    @Column(name = "roles_claim")
    public String rolesClaim;

    @Column(name = "default_role")
    public String defaultRole;

    /** JSON object: claim value → ADMIN, MEMBER or BILLING. */
    @Column(name = "role_mapping")
    public String roleMapping;

    public boolean enforce;

    /** Bumped on every change; part of the key under which the OIDC configuration is cached. */
    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
