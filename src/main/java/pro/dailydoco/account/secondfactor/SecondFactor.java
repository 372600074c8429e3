package pro.dailydoco.account.secondfactor;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person's authenticator (TOTP). Pending until a first code confirms it; the secret is kept sealed. */
@Entity
@Table(name = "second_factor")
public class SecondFactor extends PanacheEntityBase {

    @Id
    @Column(name = "owner_user_id")
    public UUID ownerUserId;

    /** The TOTP key, AES-256-GCM under the configured key, bound to the owner's id ({@link TotpSecrets}). */
    @Column(name = "secret_sealed")
    public String secretSealed;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Null while enrolment waits for a first valid code. */
    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    /** The last 30-second step whose code was accepted: that code and older ones are refused (no replay). */
    @Column(name = "last_step")
    public Long lastStep;

    public boolean isConfirmed() {
        return confirmedAt != null;
    }
}
