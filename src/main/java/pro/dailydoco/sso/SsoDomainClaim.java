package pro.dailydoco.sso;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.TenantId;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An email domain a tenant claimed on the settings page; it counts once its DNS TXT token was seen. */
@Entity
@Table(name = "sso_domain")
public class SsoDomainClaim extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    public String domain;

    @Column(name = "verification_token")
    public String verificationToken;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    public boolean isVerified() {
        return verifiedAt != null;
    }

    /** The TXT record the tenant publishes at {@code _dailydoco-challenge.<domain>}. */
    public String txtRecordValue() {
        return "dailydoco-verification=" + verificationToken;
    }

    /** The claims of the tenant in context (Hibernate's tenant filter). */
    public static List<SsoDomainClaim> ofCurrentTenant() {
        return list("order by domain");
    }
}
