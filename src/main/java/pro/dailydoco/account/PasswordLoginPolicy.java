package pro.dailydoco.account;

import java.util.Optional;
import java.util.UUID;

/**
 * Lets a feature above accounts (single sign-on) require another way of signing in for some emails, without
 * accounts knowing about it. Without an implementation, password sign-in is always allowed.
 */
public interface PasswordLoginPolicy {

    /**
     * @param tenantId the workspace that requires SSO for the email's domain
     * @param ssoPath where the person signs in instead (e.g. {@code /t/acme/sso})
     * @param breakGlass the person is an OWNER of that workspace and may still use the password (audited)
     */
    record Enforcement(UUID tenantId, String ssoPath, boolean breakGlass) {
    }

    /** The enforcement that applies to a password sign-in for {@code email} by {@code userId} (null: unknown). */
    Optional<Enforcement> enforcementFor(String email, UUID userId);

    /** Records a successful break-glass password sign-in in the enforcing workspace's audit chain. */
    void recordBreakGlass(Enforcement enforcement, UUID userId);

    /**
     * Whether the account may get a password by mail ("Forgot password"): empty when it may, otherwise the workspace
     * whose single sign-on it uses instead. A mailed link must not hand a password to someone their IdP has let go.
     */
    default Optional<Enforcement> passwordResetRefusal(String email, UUID userId) {
        return Optional.empty();
    }

    /** The workspace whose single sign-on covers this email's domain (offered, required or not), if any. */
    default Optional<UUID> ssoWorkspaceOf(String email) {
        return Optional.empty();
    }
}
