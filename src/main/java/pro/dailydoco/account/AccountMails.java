package pro.dailydoco.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.mail.MailOutbox;
import pro.dailydoco.tenant.TenantConfig;

/** The account mails. Links start at the configured base URL, never at the request's Host header. */
@ApplicationScoped
public class AccountMails {

    private final MailOutbox outbox;
    private final String baseUrl;

    AccountMails(MailOutbox outbox, TenantConfig config) {
        this.outbox = outbox;
        this.baseUrl = config.absolute("");
    }

    void verifyEmail(String to, String token) {
        outbox.enqueue(to, "Confirm your email for DailyDoco Pro", """
                Welcome to DailyDoco Pro!

                Confirm your email address by opening this link (valid for 48 hours):
                %s/verify-email?token=%s

                If you did not sign up, ignore this mail.
                """.formatted(baseUrl, encode(token)));
    }

    void passwordReset(String to, String token) {
        outbox.enqueue(to, "Reset your DailyDoco Pro password", """
                Someone (hopefully you) asked to reset the password of your DailyDoco Pro account.

                Choose a new password here (valid for 1 hour, once):
                %s/reset-password?token=%s

                If it was not you, ignore this mail; your password stays as it is.
                """.formatted(baseUrl, encode(token)));
    }

    /** Mails go out through the outbox, which joins a transaction; this one has none of its own. */
    @jakarta.transaction.Transactional
    void passwordResetRefusedForSso(String to, String ssoPath) {
        outbox.enqueue(to, "Sign in to DailyDoco Pro through single sign-on", """
                Someone (hopefully you) asked to reset the password of your DailyDoco Pro account.

                Your organisation signs you in to DailyDoco Pro through its single sign-on, so no password can be set
                by mail. Sign in here with your organisation's account:
                %s%s

                If that does not work, ask your IT team or a workspace owner. If it was not you, ignore this mail.
                """.formatted(baseUrl, ssoPath));
    }

    public void confirmEmailChange(String to, String token) {
        outbox.enqueue(to, "Confirm your new email for DailyDoco Pro", """
                Confirm that this is the new email address of your DailyDoco Pro account:
                %s/email-change/confirm?token=%s

                If you did not ask for this, ignore this mail.
                """.formatted(baseUrl, encode(token)));
    }

    public void emailChangedNotice(String oldAddress) {
        outbox.enqueue(oldAddress, "Your DailyDoco Pro email was changed", """
                The email address of your DailyDoco Pro account was changed, and every session was signed out.
                If this was not you, reset your password and contact support.
                """);
    }

    /** Tells a person that someone else turned their second factor off (they lost their authenticator, or not). */
    public void secondFactorReset(String to, String byWhom) {
        outbox.enqueue(to, "Two-step sign-in was turned off on your DailyDoco Pro account", """
                %s turned off two-step sign-in on your DailyDoco Pro account, and your recovery codes no longer work.
                You now sign in with your password only. Set up an authenticator again on your account page:
                %s/account/two-factor

                If you did not ask for this, change your password and contact the platform's support.
                """.formatted(byWhom, baseUrl));
    }

    public void invitation(String to, String workspaceName, String slug, String token, String roleLabel) {
        outbox.enqueue(to, "You're invited to " + workspaceName + " on DailyDoco Pro", """
                You have been invited to join the workspace "%s" on DailyDoco Pro as %s.

                Accept the invitation here (valid for 7 days, once):
                %s/t/%s/invitations/%s
                """.formatted(workspaceName, roleLabel, baseUrl, slug, encode(token)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
