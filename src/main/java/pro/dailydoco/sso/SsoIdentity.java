package pro.dailydoco.sso;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.annotations.TenantId;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person as one tenant's identity provider knows them: (tenant, issuer, sub) → our user. Never keyed by email. */
@Entity
@Table(name = "sso_identity")
public class SsoIdentity extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    public String issuer;

    public String subject;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_login_at")
    public Instant lastLoginAt;

    /** In the tenant in context (Hibernate's tenant filter adds the tenant). */
    public static Optional<SsoIdentity> find(String issuer, String subject) {
        return find("issuer = ?1 and subject = ?2", issuer, subject).firstResultOptional();
    }
}
