package pro.dailydoco.account;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person's account. Platform scope: one account across every workspace it belongs to. */
@Entity
@Table(name = "app_user")
public class User extends PanacheEntityBase {

    public enum Status {
        ACTIVE,
        SUSPENDED,
        DELETED
    }

    @Id
    public UUID id;

    /** Normalised: trimmed and lower-case. */
    public String email;

    @Column(name = "email_verified_at")
    public Instant emailVerifiedAt;

    @Column(name = "display_name")
    public String displayName;

    /** bcrypt; null for accounts that only sign in through SSO. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Enumerated(EnumType.STRING)
    public Status status = Status.ACTIVE;

    /** The referral code the person signed up with, if any (attribution happens in the referral feature). */
    @Column(name = "signup_referral_code")
    public String signupReferralCode;

    /** The workspace this person created or first joined. */
    @Column(name = "home_tenant_id")
    public UUID homeTenantId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * When a second factor first became required of this person (platform operator, owner of a paid workspace); the
     * grace period counts from here. Null: never required so far.
     */
    @Column(name = "second_factor_required_since")
    public Instant secondFactorRequiredSince;

    public boolean isEmailVerified() {
        return emailVerifiedAt != null;
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    public static String normaliseEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    public static Optional<User> findByEmail(String email) {
        return find("email", normaliseEmail(email)).firstResultOptional();
    }
}
