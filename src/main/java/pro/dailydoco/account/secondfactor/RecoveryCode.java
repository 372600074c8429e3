package pro.dailydoco.account.secondfactor;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One single-use recovery code, stored as a hash ({@link RecoveryCodes#hash}). */
@Entity
@Table(name = "second_factor_recovery_code")
public class RecoveryCode extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "owner_user_id")
    public UUID ownerUserId;

    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
