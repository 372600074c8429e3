package pro.dailydoco.sso;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Whether people linked to the workspace's IdP may get a password by "Forgot password" while it offers SSO (tenant
 * scope). No row means no: passwords for them are an exception the workspace's admins make on the SSO page.
 */
@Entity
@Table(name = "sso_password_access")
public class SsoPasswordAccess extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "allow_passwords")
    public boolean allowPasswords;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
