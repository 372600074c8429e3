package pro.dailydoco.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.Text;
import pro.dailydoco.tenant.RowLevelSecurity;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantContext;
import pro.dailydoco.tenant.TenantService;

/** Sign-up, sign-in and the mailed tokens (email verification, password reset). */
@ApplicationScoped
public class AccountService {

    public static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    static final String BAD_CREDENTIALS = "Email or password is incorrect.";

    public record SignUp(String email, String password, String workspaceName, String displayName, String referralCode,
            String attributionToken) {
    }

    public record SignedUp(User user, Tenant tenant, String sessionToken) {
    }

    /**
     * A sign-in: either a session ({@code sessionToken}), or — for a person with a second factor — a pending sign-in
     * ({@code secondStepToken}) that {@link #completeSecondStep} turns into a session.
     */
    public record SignedIn(User user, String sessionToken, String secondStepToken) {
        public boolean needsSecondStep() {
            return secondStepToken != null;
        }
    }

    /** Too many attempts: the message says how long to wait. */
    public static class TooManyAttempts extends DomainException {
        public TooManyAttempts(Duration wait) {
            super(429, "Too many attempts", "Too many attempts. Try again in " + RateLimiter.humanMinutes(wait) + ".");
        }
    }

    private final AccountConfig config;
    private final PasswordHasher hasher;
    private final RateLimiter rateLimiter;
    private final SessionService sessions;
    private final TenantService tenants;
    private final TenantContext tenantContext;
    private final RowLevelSecurity rowLevelSecurity;
    private final AccountMails mails;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Event<UserSignedUp> signedUpEvent;
    private final Event<EmailVerified> emailVerified;
    private final SsoRequirement ssoRequirement;
    private final Instance<SecondSignInStep> secondStep;

    AccountService(AccountConfig config, PasswordHasher hasher, RateLimiter rateLimiter, SessionService sessions,
            TenantService tenants, TenantContext tenantContext, RowLevelSecurity rowLevelSecurity, AccountMails mails,
            AuditLog auditLog, Clock clock, Event<UserSignedUp> signedUpEvent, SsoRequirement ssoRequirement,
            Event<EmailVerified> emailVerified, Instance<SecondSignInStep> secondStep) {
        this.secondStep = secondStep;
        this.emailVerified = emailVerified;
        this.config = config;
        this.hasher = hasher;
        this.rateLimiter = rateLimiter;
        this.sessions = sessions;
        this.tenants = tenants;
        this.tenantContext = tenantContext;
        this.rowLevelSecurity = rowLevelSecurity;
        this.mails = mails;
        this.auditLog = auditLog;
        this.clock = clock;
        this.signedUpEvent = signedUpEvent;
        this.ssoRequirement = ssoRequirement;
    }

    /**
     * Creates the account, its workspace (the person is its OWNER) and a session, and mails the verification link.
     * Sign-up tells whether an email is taken — a person needs to know — so it is rate-limited per IP.
     *
     * @throws SsoRequired (audited, nothing else written) when the email's domain belongs to a workspace that
     *         enforces SSO: its people get their account through their identity provider
     */
    public SignedUp signUp(SignUp form, String ip, String userAgent) {
        String email = User.normaliseEmail(form.email());
        Map<String, String> errors = new LinkedHashMap<>();
        if (!EMAIL.matcher(email).matches()) {
            errors.put("email", "Enter an email address like name@example.com.");
        }
        PasswordPolicy.problem(form.password(), email).ifPresent(p -> errors.put("password", p));
        String workspace = form.workspaceName() == null ? "" : form.workspaceName().trim();
        if (Text.characters(workspace) < 2 || Text.characters(workspace) > 100) {
            errors.put("workspaceName", "Give your workspace a name of 2 to 100 characters.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        rateLimiter.recordUse("signup:ip:" + ip, config.signupMaxPerIp(), config.loginWindow())
                .ifPresent(wait -> {
                    throw new TooManyAttempts(wait);
                });
        // After the throttle: each refusal writes an audit entry, so it must cost an attempt like any sign-up.
        ssoRequirement.refuseNewPasswordAccount(email, "signup.sso-required");
        String passwordHash = hasher.hash(form.password());
        return createAccount(email, passwordHash, workspace, form, ip, userAgent);
    }

    @Transactional
    SignedUp createAccount(String email, String passwordHash, String workspace, SignUp form, String ip, String userAgent) {
        if (User.findByEmail(email).isPresent()) {
            throw InvalidInput.of("email", "An account with this email already exists. Sign in, or reset your password.");
        }
        Instant now = clock.instant();
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = email;
        user.displayName = displayNameOr(form.displayName(), email);
        user.passwordHash = passwordHash;
        user.signupReferralCode = blankToNull(form.referralCode());
        user.createdAt = now;
        user.updatedAt = now;
        user.persist();
        Tenant tenant = tenants.createForSignup(workspace, user.id);
        user.homeTenantId = tenant.id;

        // From here on the transaction acts as the new user in the new workspace.
        tenantContext.setUserId(user.id);
        tenantContext.setTenantId(tenant.id);
        rowLevelSecurity.reapply();
        Membership owner = new Membership();
        owner.id = UUID.randomUUID();
        owner.tenantId = tenant.id;
        owner.userId = user.id;
        owner.role = Role.OWNER;
        owner.createdAt = now;
        owner.persist();

        mails.verifyEmail(email, issueToken(user.id, EmailToken.Purpose.VERIFY_EMAIL, null, config.verificationValidity()));
        signedUpEvent.fire(new UserSignedUp(user.id, email, tenant.id, true, user.signupReferralCode,
                blankToNull(form.attributionToken()), ip));
        String session = sessions.start(user.id, userAgent, ip, null);
        auditLog.recordPlatform(AuditEvent.user(user.id, "account.signed-up").subjectTenant(tenant.id)
                .detail("referred", user.signupReferralCode != null).build());
        auditLog.record(tenant.id, AuditEvent.user(user.id, "tenant.created").target("tenant", tenant.id.toString()).build());
        return new SignedUp(user, tenant, session);
    }

    /**
     * Signs in with email and password. Unknown email and wrong password get the same message and cost the same
     * hash comparison; failures are counted per email (as typed) and per IP, with back-off.
     */
    public SignedIn signIn(String rawEmail, String password, String ip, String userAgent) {
        String email = User.normaliseEmail(rawEmail);
        String emailKey = "login:email:" + Tokens.sha256(email);
        String ipKey = "login:ip:" + ip;
        longest(rateLimiter.blockedFor(emailKey), rateLimiter.blockedFor(ipKey)).ifPresent(wait -> {
            throw new TooManyAttempts(wait);
        });
        Optional<User> found = findUser(email);
        Optional<PasswordLoginPolicy.Enforcement> enforcement = ssoRequirement.forPasswordSignIn(email,
                found.map(u -> u.id).orElse(null));
        if (enforcement.isPresent() && !enforcement.get().breakGlass()) {
            ssoRequirement.recordInWorkspace(enforcement.get().tenantId(), (found.isPresent()
                    ? AuditEvent.user(found.get().id, "login.sso-required") : AuditEvent.anonymous("login.sso-required")).denied());
            throw SsoRequired.forSignIn(enforcement.get());
        }
        boolean passwordOk = hasher.matches(password == null ? "" : password, found.map(u -> u.passwordHash).orElse(null));
        if (found.isEmpty() || !passwordOk || !found.get().isActive()) {
            Optional<Duration> wait = longest(rateLimiter.recordFailure(emailKey), rateLimiter.recordFailure(ipKey));
            auditLog.recordSecurityEvent((found.isPresent() ? AuditEvent.user(found.get().id, "login.failed")
                    : AuditEvent.anonymous("login.failed")).failed().build());
            if (wait.isPresent()) {
                throw new TooManyAttempts(wait.get());
            }
            throw new DomainException(401, "Sign-in failed", BAD_CREDENTIALS);
        }
        rateLimiter.reset(emailKey);
        User user = found.get();
        if (secondStep.isResolvable() && secondStep.get().appliesTo(user.id)) {
            // No session yet: the second step starts one (docs/decisions/0125-second-factor-totp-and-recovery-codes.md).
            String pending = secondStep.get().begin(user.id);
            auditLog.recordSecurityEvent(AuditEvent.user(user.id, "login.password-accepted").detail("next", "second-factor").build());
            return new SignedIn(user, null, pending);
        }
        return startSession(user, ip, userAgent, enforcement, false);
    }

    /**
     * The second step of a password sign-in: the code (authenticator or recovery code) for the pending sign-in the
     * password step began. Single sign-on enforcement is asked again, as at the password step.
     */
    public SignedIn completeSecondStep(String pendingToken, String code, String ip, String userAgent) {
        UUID userId = secondStep.get().complete(pendingToken, code, ip);
        User user = findUserById(userId).filter(User::isActive)
                .orElseThrow(() -> new DomainException(401, "Sign-in failed", BAD_CREDENTIALS));
        Optional<PasswordLoginPolicy.Enforcement> enforcement = ssoRequirement.forPasswordSignIn(user.email, user.id);
        if (enforcement.isPresent() && !enforcement.get().breakGlass()) {
            throw SsoRequired.forSignIn(enforcement.get());
        }
        return startSession(user, ip, userAgent, enforcement, true);
    }

    private SignedIn startSession(User user, String ip, String userAgent,
            Optional<PasswordLoginPolicy.Enforcement> enforcement, boolean secondFactor) {
        String session = sessions.start(user.id, userAgent, ip, null);
        AuditEvent.Builder succeeded = AuditEvent.user(user.id, "login.succeeded");
        auditLog.recordSecurityEvent((secondFactor ? succeeded.detail("second-factor", true) : succeeded).build());
        if (enforcement.isPresent()) {
            ssoRequirement.recordBreakGlass(enforcement.get(), user.id);
        } else {
            // Someone the workspace's IdP could sign in used a password: its admins see it on their audit page.
            ssoRequirement.ssoWorkspaceOf(user.email).ifPresent(tenantId -> ssoRequirement.recordInWorkspace(tenantId,
                    AuditEvent.user(user.id, "login.password")));
        }
        return new SignedIn(user, session, null);
    }

    @Transactional
    Optional<User> findUserById(UUID userId) {
        return User.findByIdOptional(userId);
    }

    @Transactional
    Optional<User> findUser(String email) {
        return User.findByEmail(email);
    }

    public void signOut(String sessionToken, UUID userId) {
        sessions.end(sessionToken);
        if (userId != null) {
            auditLog.recordSecurityEvent(AuditEvent.user(userId, "logout").build());
        }
    }

    @Transactional
    public void verifyEmail(String token) {
        EmailToken used = consumeToken(token, EmailToken.Purpose.VERIFY_EMAIL);
        User user = User.findById(used.ownerUserId);
        if (user.emailVerifiedAt == null) {
            user.emailVerifiedAt = clock.instant();
        }
        auditLog.recordPlatform(AuditEvent.user(user.id, "account.email-verified").build());
        emailVerified.fire(new EmailVerified(user.id));
    }

    @Transactional
    public void resendVerification(UUID userId) {
        User user = User.findById(userId);
        if (user != null && !user.isEmailVerified()) {
            mails.verifyEmail(user.email, issueToken(user.id, EmailToken.Purpose.VERIFY_EMAIL, null, config.verificationValidity()));
        }
    }

    /**
     * Always answers the same way, whether or not the account exists, and whether or not it may have a password;
     * rate-limited per IP. An account whose workspace signs it in through its IdP gets a mail that points there
     * instead of a link (docs/decisions/0137-no-password-reset-for-people-of-an-idp.md): only the mailbox's owner
     * learns why, and the page tells nobody anything.
     */
    public void requestPasswordReset(String rawEmail, String ip) {
        rateLimiter.recordUse("reset:ip:" + ip, config.signupMaxPerIp(), config.loginWindow()).ifPresent(wait -> {
            throw new TooManyAttempts(wait);
        });
        String email = User.normaliseEmail(rawEmail);
        Optional<User> user = findUser(email).filter(User::isActive);
        if (user.isEmpty()) {
            return;
        }
        Optional<PasswordLoginPolicy.Enforcement> refusal = ssoRequirement.passwordResetRefusal(email, user.get().id);
        if (refusal.isPresent()) {
            ssoRequirement.recordInWorkspace(refusal.get().tenantId(),
                    AuditEvent.user(user.get().id, "password-reset.sso-required").denied());
            mails.passwordResetRefusedForSso(user.get().email, refusal.get().ssoPath());
            return;
        }
        sendReset(user.get().id, user.get().email);
    }

    @Transactional
    void sendReset(UUID userId, String email) {
        mails.passwordReset(email, issueToken(userId, EmailToken.Purpose.RESET_PASSWORD, null, config.passwordResetValidity()));
    }

    /** Sets a new password from a reset link; every session of the account is signed out. */
    @Transactional
    public void resetPassword(String token, String newPassword) {
        EmailToken reset = peekToken(token, EmailToken.Purpose.RESET_PASSWORD);
        User user = User.findById(reset.ownerUserId);
        PasswordPolicy.problem(newPassword, user.email).ifPresent(p -> {
            throw InvalidInput.of("password", p);
        });
        consumeToken(token, EmailToken.Purpose.RESET_PASSWORD);
        user.passwordHash = hasher.hash(newPassword);
        if (user.emailVerifiedAt == null) {
            user.emailVerifiedAt = clock.instant(); // they just proved they read this mailbox
        }
        user.updatedAt = clock.instant();
        sessions.revokeAll(user.id);
        auditLog.recordPlatform(AuditEvent.user(user.id, "account.password-reset").build());
    }

    /** Checks a reset link without using it (to show the form, or an error, before anything is typed). */
    @Transactional
    public void checkResetToken(String token) {
        peekToken(token, EmailToken.Purpose.RESET_PASSWORD);
    }

    public String issueToken(UUID userId, EmailToken.Purpose purpose, String newEmail, Duration validity) {
        String token = Tokens.newToken();
        EmailToken row = new EmailToken();
        row.tokenHash = Tokens.sha256(token);
        row.ownerUserId = userId;
        row.purpose = purpose;
        row.newEmail = newEmail;
        row.createdAt = clock.instant();
        row.expiresAt = row.createdAt.plus(validity);
        row.persist();
        return token;
    }

    EmailToken peekToken(String token, EmailToken.Purpose purpose) {
        EmailToken row = token == null ? null : EmailToken.findById(Tokens.sha256(token));
        if (row == null || row.purpose != purpose) {
            throw DomainException.notFound("This link is not valid. Check that you copied it whole, or ask for a new one.");
        }
        if (row.usedAt != null) {
            throw new DomainException(410, "Link already used", "This link has already been used. Ask for a new one if you need it.");
        }
        if (!clock.instant().isBefore(row.expiresAt)) {
            throw new DomainException(410, "Link expired", "This link has expired. Ask for a new one.");
        }
        return row;
    }

    public EmailToken consumeToken(String token, EmailToken.Purpose purpose) {
        EmailToken row = peekToken(token, purpose);
        // Single use even under concurrent clicks: only one transaction can flip used_at from null.
        int updated = EmailToken.update("usedAt = ?1 where tokenHash = ?2 and usedAt is null", clock.instant(), row.tokenHash);
        if (updated == 0) {
            throw new DomainException(410, "Link already used", "This link has already been used. Ask for a new one if you need it.");
        }
        return row;
    }

    public static String displayNameOr(String displayName, String email) {
        String name = displayName == null ? "" : displayName.trim();
        if (!name.isEmpty()) {
            return Text.truncate(name, 100);
        }
        return email.substring(0, email.indexOf('@'));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().compareTo(b.get()) >= 0 ? a : b;
    }
}
