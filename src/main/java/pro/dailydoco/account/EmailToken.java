package pro.dailydoco.account;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A single-use, expiring token sent by mail. Only its hash is stored. */
@Entity
@Table(name = "email_token")
public class EmailToken extends PanacheEntityBase {

    public enum Purpose {
        VERIFY_EMAIL,
        RESET_PASSWORD,
        CHANGE_EMAIL
    }

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "owner_user_id")
    public UUID ownerUserId;

    @Enumerated(EnumType.STRING)
    public Purpose purpose;

    @Column(name = "new_email")
    public String newEmail;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
