package pro.dailydoco.sso;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.postgresql.util.PSQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import pro.dailydoco.account.Tokens;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;

/**
 * Email-domain claims made on the settings page. A claim counts once the domain publishes its token in DNS
 * ({@code _dailydoco-challenge.<domain>} TXT); verified claims are unique across workspaces (YAML claims included),
 * and public mail providers can never be claimed.
 */
@ApplicationScoped
public class SsoDomains {

    static final Pattern DOMAIN = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");
    static final Set<String> PUBLIC_PROVIDERS = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
            "live.com", "msn.com", "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
            "protonmail.com", "gmx.com", "gmx.de", "web.de", "mail.com", "yandex.ru", "zoho.com", "qq.com", "163.com");

    private final SsoSettingsService settings;
    private final DnsTxtLookup dns;
    private final AuditLog auditLog;
    private final Clock clock;

    SsoDomains(SsoSettingsService settings, DnsTxtLookup dns, AuditLog auditLog, Clock clock) {
        this.settings = settings;
        this.dns = dns;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The claims of the workspace in context, verified or not (read in a transaction: row-level security). */
    @Transactional
    public List<SsoDomainClaim> ofCurrentTenant() {
        return SsoDomainClaim.ofCurrentTenant();
    }

    /** Starts a claim and returns it with the TXT token to publish. */
    @Transactional
    public SsoDomainClaim claim(UUID tenantId, UUID actorId, String rawDomain) {
        String domain = rawDomain == null ? "" : rawDomain.trim().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(domain).matches()) {
            throw InvalidInput.of("domain", "Enter a domain like example.com.");
        }
        if (PUBLIC_PROVIDERS.contains(domain)) {
            throw InvalidInput.of("domain", domain + " is a public mail provider; it can't be claimed by a workspace.");
        }
        if (SsoDomainClaim.count("domain", domain) > 0) {
            throw InvalidInput.of("domain", "This workspace already claims " + domain + ".");
        }
        SsoDomainClaim claim = new SsoDomainClaim();
        claim.id = UUID.randomUUID();
        claim.tenantId = tenantId.toString();
        claim.domain = domain;
        claim.verificationToken = Tokens.newToken().substring(0, 32);
        claim.createdAt = clock.instant();
        claim.persist();
        auditLog.record(tenantId, AuditEvent.user(actorId, "sso.domain-claimed").subjectTenant(tenantId)
                .target("sso-domain", claim.id.toString()).build());
        return claim;
    }

    /**
     * Withdraws a claim that was never verified (a typo, a domain the workspace doesn't hold): it routes nobody, so
     * removing it changes no one's sign-in. A verified claim is not removed here.
     */
    @Transactional
    public SsoDomainClaim removePending(UUID tenantId, UUID actorId, UUID claimId) {
        SsoDomainClaim claim = SsoDomainClaim.<SsoDomainClaim>find("id", claimId).firstResultOptional()
                .filter(c -> tenantId.toString().equals(c.tenantId))
                .orElseThrow(() -> DomainException.notFound("There is no such domain claim in this workspace."));
        if (claim.isVerified()) {
            throw DomainException.conflict(claim.domain + " is verified and routes people to this workspace's sign-in; "
                    + "only pending claims can be removed.");
        }
        claim.delete();
        auditLog.record(tenantId, AuditEvent.user(actorId, "sso.domain-claim-removed").subjectTenant(tenantId)
                .target("sso-domain", claim.id.toString()).build());
        return claim;
    }

    /** Checks the claim's DNS TXT record; on success the domain routes to this workspace's SSO. */
    @Transactional
    public SsoDomainClaim verify(UUID tenantId, UUID actorId, UUID claimId) {
        SsoDomainClaim claim = SsoDomainClaim.<SsoDomainClaim>find("id", claimId).firstResultOptional()
                .orElseThrow(() -> DomainException.notFound("There is no such domain claim in this workspace."));
        if (claim.isVerified()) {
            return claim;
        }
        boolean published = dns.txt("_dailydoco-challenge." + claim.domain).contains(claim.txtRecordValue());
        boolean taken = settings.tenantForEmailDomain(claim.domain).filter(owner -> !owner.equals(tenantId)).isPresent();
        if (!published || taken) {
            throw notVerified(tenantId, actorId, claim, taken);
        }
        claim.verifiedAt = clock.instant();
        try {
            // Two workspaces verifying one domain at the same moment both pass the check above; the unique index on
            // verified domains lets one commit. The other learns it here, as a 409, not as a failed commit (a 500).
            SsoDomainClaim.flush();
        } catch (PersistenceException e) {
            if (violates(e, "sso_domain_verified_unique")) {
                throw notVerified(tenantId, actorId, claim, true);
            }
            throw e;
        }
        auditLog.record(tenantId, AuditEvent.user(actorId, "sso.domain-verified").subjectTenant(tenantId)
                .target("sso-domain", claim.id.toString()).build());
        return claim;
    }

    private DomainException notVerified(UUID tenantId, UUID actorId, SsoDomainClaim claim, boolean taken) {
        auditLog.recordSecurityEvent(AuditEvent.user(actorId, "sso.domain-verified").subjectTenant(tenantId)
                .target("sso-domain", claim.id.toString()).denied().detail("reason", taken ? "taken" : "no-txt").build());
        return new DomainException(409, "Domain not verified", taken
                ? claim.domain + " is already verified by another workspace."
                : "We did not find the TXT record " + claim.txtRecordValue() + " at _dailydoco-challenge." + claim.domain
                        + ". DNS changes can take a while to appear; try again later.");
    }

    /** True when PostgreSQL refused the change because of this constraint. */
    private static boolean violates(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException sql && sql.getServerErrorMessage() != null
                    && constraint.equals(sql.getServerErrorMessage().getConstraint())) {
                return true;
            }
        }
        return false;
    }
}
