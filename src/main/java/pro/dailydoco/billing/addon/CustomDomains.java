package pro.dailydoco.billing.addon;

import java.net.IDN;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.tenant.Tenant;
import pro.dailydoco.tenant.TenantConfig;

/**
 * A workspace's own custom domain (docs/decisions/0214-custom-domains-set-by-the-workspace.md): set by its owners and
 * admins while it holds white-label, proved by a DNS TXT record before it routes, routing (through the request's
 * look-up) only while verified and while the workspace still holds white-label. Kept in its own table so that a tenant
 * file, which rewrites {@code tenant.hostnames} at start-up, never wipes it.
 */
@ApplicationScoped
public class CustomDomains {

    /** The name under which the workspace publishes its token: {@code _dailydoco-challenge.<host>}. */
    public static final String CHALLENGE_PREFIX = "_dailydoco-challenge.";

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A domain as the page shows it. */
    public record Domain(String hostname, String token, Instant verifiedAt) {

        public String challengeName() {
            return CHALLENGE_PREFIX + hostname;
        }

        public boolean verified() {
            return verifiedAt != null;
        }
    }

    private final EntityManager entityManager;
    private final AuditLog auditLog;
    private final TenantConfig tenantConfig;
    private final Optional<String> dnsServer;
    private final int dnsTimeoutMillis;
    private final Clock clock = Clock.systemUTC();

    CustomDomains(EntityManager entityManager, AuditLog auditLog, TenantConfig tenantConfig,
            @ConfigProperty(name = "dailydoco.domains.dns-server") Optional<String> dnsServer,
            @ConfigProperty(name = "dailydoco.domains.dns-timeout-millis", defaultValue = "2000") int dnsTimeoutMillis) {
        this.entityManager = entityManager;
        this.auditLog = auditLog;
        this.tenantConfig = tenantConfig;
        this.dnsServer = dnsServer.map(String::strip).filter(s -> !s.isEmpty());
        this.dnsTimeoutMillis = dnsTimeoutMillis;
    }

    public Optional<Domain> of(UUID tenantId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<?> rows = entityManager.createNativeQuery(
                    "select hostname, challenge_token, verified_at from billing_custom_domain where tenant_id = ?1")
                    .setParameter(1, tenantId).getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Object[] row = (Object[]) rows.get(0);
            return Optional.of(new Domain((String) row[0], (String) row[1], instant(row[2])));
        });
    }

    /**
     * Sets (or replaces) the workspace's custom domain, unverified, with a new token. Refuses, writing nothing: a
     * workspace without white-label (409), a malformed host (400), the platform's own domain (400), a host another
     * workspace or a tenant file already has (409).
     */
    public Domain set(UUID tenantId, UUID userId, String input) {
        String hostname = normalise(input);
        String token = HexFormat.of().formatHex(randomBytes());
        QuarkusTransaction.requiringNew().run(() -> {
            if (!whiteLabel(tenantId)) {
                throw DomainException.conflict("A custom domain needs the white-label add-on. Buy it on this page first.");
            }
            Tenant.findByHostname(hostname).ifPresent(owner -> {
                throw DomainException.conflict(hostname + " is already the address of "
                        + (owner.id.equals(tenantId) ? "this workspace, set by the operator." : "another workspace."));
            });
            List<?> taken = entityManager.createNativeQuery(
                    "select tenant_id from billing_custom_domain where hostname = ?1 and tenant_id <> ?2")
                    .setParameter(1, hostname).setParameter(2, tenantId).getResultList();
            if (!taken.isEmpty()) {
                throw DomainException.conflict(hostname + " is already the address of another workspace.");
            }
            Optional<Domain> before = of(tenantId);
            entityManager.createNativeQuery("""
                    insert into billing_custom_domain (tenant_id, hostname, challenge_token, verified_at, created_by, created_at)
                    values (?1, ?2, ?3, null, ?4, ?5)
                    on conflict (tenant_id) do update set hostname = excluded.hostname,
                        challenge_token = excluded.challenge_token, verified_at = null,
                        created_by = excluded.created_by, created_at = excluded.created_at""")
                    .setParameter(1, tenantId).setParameter(2, hostname).setParameter(3, token)
                    .setParameter(4, userId).setParameter(5, clock.instant()).executeUpdate();
            auditLog.record(tenantId, AuditEvent.user(userId, "billing.custom-domain.set").subjectTenant(tenantId)
                    .target("custom_domain", hostname)
                    .detail("replaced", before.map(Domain::hostname).orElse("")).build());
        });
        return new Domain(hostname, token, null);
    }

    /** What a "Verify" press found. */
    public enum Verification {
        VERIFIED, NO_DOMAIN, RECORD_MISSING, TOKEN_DIFFERS, LOOKUP_FAILED
    }

    /**
     * Looks the TXT record up (outside any transaction: a network call, with a deadline) and marks the domain verified
     * when one of its strings is the token.
     */
    public Verification verify(UUID tenantId, UUID userId) {
        Optional<Domain> domain = of(tenantId);
        if (domain.isEmpty()) {
            return Verification.NO_DOMAIN;
        }
        if (domain.get().verified()) {
            return Verification.VERIFIED;
        }
        Verification found;
        try {
            List<String> values = txtRecords(domain.get().challengeName());
            found = values.isEmpty() ? Verification.RECORD_MISSING
                    : values.contains(domain.get().token()) ? Verification.VERIFIED : Verification.TOKEN_DIFFERS;
        } catch (javax.naming.NameNotFoundException | javax.naming.OperationNotSupportedException e) {
            // NXDOMAIN, or a server that refuses names it doesn't serve.
            found = Verification.RECORD_MISSING;
        } catch (NamingException e) {
            found = Verification.LOOKUP_FAILED;
        }
        if (found != Verification.VERIFIED) {
            return found;
        }
        Domain checked = domain.get();
        boolean marked = QuarkusTransaction.requiringNew().call(() -> {
            // Only the domain and token that were looked up: a replacement meanwhile stays unverified.
            int updated = entityManager.createNativeQuery("""
                    update billing_custom_domain set verified_at = ?1
                     where tenant_id = ?2 and hostname = ?3 and challenge_token = ?4 and verified_at is null""")
                    .setParameter(1, clock.instant()).setParameter(2, tenantId).setParameter(3, checked.hostname())
                    .setParameter(4, checked.token()).executeUpdate();
            if (updated == 1) {
                auditLog.record(tenantId, AuditEvent.user(userId, "billing.custom-domain.verified")
                        .subjectTenant(tenantId).target("custom_domain", checked.hostname()).build());
            }
            return updated == 1;
        });
        return marked ? Verification.VERIFIED : Verification.NO_DOMAIN;
    }

    /** Removes the workspace's custom domain: it stops routing at once. Nothing to remove is not an error. */
    public void remove(UUID tenantId, UUID userId) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<?> removed = entityManager.createNativeQuery(
                    "delete from billing_custom_domain where tenant_id = ?1 returning hostname")
                    .setParameter(1, tenantId).getResultList();
            if (!removed.isEmpty()) {
                auditLog.record(tenantId, AuditEvent.user(userId, "billing.custom-domain.removed")
                        .subjectTenant(tenantId).target("custom_domain", (String) removed.get(0)).build());
            }
        });
    }

    /**
     * A hostname as typed, lower case and in ASCII (an internationalised name becomes its punycode form), or a 400
     * saying what is wrong with it.
     */
    String normalise(String input) {
        String host = input == null ? "" : input.strip();
        if (host.isEmpty()) {
            throw DomainException.badRequest("Write the hostname, e.g. docs.example.com.");
        }
        if (host.contains("://") || host.contains("/") || host.contains(":") || host.contains("@")
                || host.contains("?") || host.contains("#")) {
            throw DomainException.badRequest("Write only the hostname, e.g. docs.example.com: no http://, port or path.");
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        try {
            host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("“" + input.strip() + "” is not a valid hostname: use letters, digits,"
                    + " hyphens and dots, e.g. docs.example.com.");
        }
        String[] labels = host.split("\\.", -1);
        if (host.length() > 253 || labels.length < 2) {
            throw DomainException.badRequest("“" + input.strip() + "” is not a full hostname: it needs a domain, e.g."
                    + " docs.example.com.");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw DomainException.badRequest("“" + input.strip() + "” is not a valid hostname: each part between"
                        + " dots has 1 to 63 letters, digits or hyphens, and no hyphen at either end.");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw DomainException.badRequest("Write a hostname, not an IP address.");
        }
        String base = tenantConfig.baseDomain().toLowerCase(Locale.ROOT);
        if (host.equals(base) || host.endsWith("." + base) || host.equals("localhost") || host.endsWith(".localhost")) {
            throw DomainException.badRequest(host + " belongs to the platform; use a domain of your own.");
        }
        return host;
    }

    private List<String> txtRecords(String name) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        // No server named: the provider asks the system's resolvers.
        env.put("java.naming.provider.url", dnsServer.map(s -> "dns://" + s).orElse("dns:"));
        env.put("com.sun.jndi.dns.timeout.initial", String.valueOf(Math.max(100, dnsTimeoutMillis / 2)));
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        InitialDirContext context = new InitialDirContext(env);
        try {
            Attribute txt = context.getAttributes(name, new String[] {"TXT"}).get("TXT");
            List<String> values = new java.util.ArrayList<>();
            if (txt != null) {
                NamingEnumeration<?> all = txt.getAll();
                while (all.hasMore()) {
                    values.add(unquote(String.valueOf(all.next())));
                }
            }
            return values;
        } finally {
            context.close();
        }
    }

    /** JNDI gives a TXT record's strings as written in zone files: quoted when they hold spaces, joined by a space. */
    private static String unquote(String value) {
        String v = value.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private boolean whiteLabel(UUID tenantId) {
        List<?> flag = entityManager.createNativeQuery("select white_label from tenant where id = ?1")
                .setParameter(1, tenantId).getResultList();
        return !flag.isEmpty() && Boolean.TRUE.equals(flag.get(0));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
