package pro.dailydoco.account.secondfactor;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A sign-in whose password was right and that waits for its second step. In PostgreSQL, so any instance can finish
 * it; the browser holds the token, the table its SHA-256.
 */
@Entity
@Table(name = "second_factor_challenge")
public class SignInChallenge extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "owner_user_id")
    public UUID ownerUserId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
