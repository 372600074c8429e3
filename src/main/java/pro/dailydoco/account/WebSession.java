package pro.dailydoco.account;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A signed-in browser. The cookie holds a random id; only its SHA-256 is stored, so a table leak logs no one in. */
@Entity
@Table(name = "web_session")
public class WebSession extends PanacheEntityBase {

    @Id
    @Column(name = "id_hash")
    public String idHash;

    @Column(name = "owner_user_id")
    public UUID ownerUserId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    /** The absolute end of the session, whatever the activity. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "user_agent")
    public String userAgent;

    @Column(name = "ip_address")
    public String ipAddress;

    /** Set for SSO sessions: they grant only this workspace. */
    @Column(name = "sso_tenant_id")
    public UUID ssoTenantId;

    /**
     * For SSO sessions: what the IdP's logout needs (its ID token, sealed by single sign-on; opaque here). Cleared when
     * the session ends, so a revoked session keeps no token.
     */
    @Column(name = "idp_logout_hint")
    public String idpLogoutHint;

    /** For SSO sessions: the IdP's session id ({@code sid}), which its back-channel logout token names. */
    @Column(name = "idp_session_id")
    public String idpSessionId;
}
