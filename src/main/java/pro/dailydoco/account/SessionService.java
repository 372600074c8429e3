package pro.dailydoco.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Server-side sessions: listable and revocable, unlike an encrypted cookie. Each request reads its session through
 * {@link WhoIsAsking}, which checks idle and absolute expiry and writes {@code last_seen_at} at most once a minute.
 */
@ApplicationScoped
public class SessionService {

    private final AccountConfig config;
    private final Clock clock;

    SessionService(AccountConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Starts a session and returns the secret for the cookie (never stored). */
    @Transactional
    public String start(UUID userId, String userAgent, String ipAddress, UUID ssoTenantId) {
        return start(userId, userAgent, ipAddress, ssoTenantId, null);
    }

    /**
     * Starts a session that came from a workspace's IdP; {@code idpLogoutHint} (sealed by single sign-on) is kept with
     * the session for the IdP's logout and never leaves the server except towards that IdP.
     */
    @Transactional
    public String start(UUID userId, String userAgent, String ipAddress, UUID ssoTenantId, String idpLogoutHint) {
        return start(userId, userAgent, ipAddress, ssoTenantId, idpLogoutHint, null);
    }

    /**
     * As above, remembering the IdP's own session id ({@code sid} of its ID token) so that the IdP's back-channel
     * logout for that session ends exactly this one.
     */
    @Transactional
    public String start(UUID userId, String userAgent, String ipAddress, UUID ssoTenantId, String idpLogoutHint,
            String idpSessionId) {
        String token = Tokens.newToken();
        Instant now = clock.instant();
        WebSession session = new WebSession();
        session.idHash = Tokens.sha256(token);
        session.ownerUserId = userId;
        session.createdAt = now;
        session.lastSeenAt = now;
        session.expiresAt = now.plus(config.sessionAbsoluteTimeout());
        session.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(200, userAgent.length()));
        session.ipAddress = ipAddress;
        session.ssoTenantId = ssoTenantId;
        session.idpLogoutHint = idpLogoutHint;
        session.idpSessionId = idpSessionId;
        session.persist();
        return token;
    }

    @Transactional
    public void end(String token) {
        if (token != null) {
            WebSession session = WebSession.findById(Tokens.sha256(token));
            if (session != null && session.revokedAt == null) {
                session.revokedAt = clock.instant();
                session.idpLogoutHint = null;
            }
        }
    }

    /** Revokes one of the user's own sessions; another user's session id is treated as unknown. */
    @Transactional
    public boolean revoke(UUID userId, String idHash) {
        WebSession session = WebSession.findById(idHash);
        if (session == null || !session.ownerUserId.equals(userId) || session.revokedAt != null) {
            return false;
        }
        session.revokedAt = clock.instant();
        session.idpLogoutHint = null;
        return true;
    }

    /**
     * Ends the live single sign-on sessions of a workspace that came from one IdP session (its {@code sid}); with
     * {@code userId}, only that person's. Returns the owners of the sessions ended.
     */
    @Transactional
    public List<UUID> endIdpSession(UUID ssoTenantId, String idpSessionId, UUID userId) {
        List<WebSession> live = WebSession.<WebSession>list("ssoTenantId = ?1 and idpSessionId = ?2 and revokedAt is null",
                ssoTenantId, idpSessionId).stream().filter(s -> userId == null || userId.equals(s.ownerUserId)).toList();
        Instant now = clock.instant();
        live.forEach(s -> {
            s.revokedAt = now;
            s.idpLogoutHint = null;
        });
        return live.stream().map(s -> s.ownerUserId).distinct().toList();
    }

    /** Revokes every session of the user (password or email changed, account deleted). */
    @Transactional
    public int revokeAll(UUID userId) {
        return WebSession.update("revokedAt = ?1, idpLogoutHint = null where ownerUserId = ?2 and revokedAt is null", clock.instant(), userId);
    }

    @Transactional
    public List<WebSession> active(UUID userId) {
        Instant now = clock.instant();
        return WebSession.<WebSession>list("ownerUserId = ?1 and revokedAt is null and expiresAt > ?2 order by lastSeenAt desc",
                userId, now).stream()
                .filter(s -> now.isBefore(s.lastSeenAt.plus(config.sessionIdleTimeout())))
                .toList();
    }
}
