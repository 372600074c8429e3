package pro.dailydoco.billing.addon;

import java.io.IOException;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.billing.AddOnGrants;
import pro.dailydoco.billing.events.AddOn;
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
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CustomDomains.class);
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
    private final AddOnGrants grants;
    private final TenantConfig tenantConfig;
    private final Optional<String> dnsServer;
    private final int dnsTimeoutMillis;
    private final Clock clock = Clock.systemUTC();

    CustomDomains(EntityManager entityManager, AuditLog auditLog, AddOnGrants grants, TenantConfig tenantConfig,
            @ConfigProperty(name = "dailydoco.domains.dns-server") Optional<String> dnsServer,
            @ConfigProperty(name = "dailydoco.domains.dns-timeout-millis", defaultValue = "2000") int dnsTimeoutMillis) {
        this.entityManager = entityManager;
        this.auditLog = auditLog;
        this.grants = grants;
        this.tenantConfig = tenantConfig;
        this.dnsServer = dnsServer.map(String::strip).filter(s -> !s.isEmpty());
        this.dnsTimeoutMillis = dnsTimeoutMillis;
    }

    public Optional<Domain> of(UUID tenantId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<?> rows = entityManager.createNativeQuery(
                    "select hostname, challenge_token, verified_at from billing_custom_domain where subject_tenant_id = ?1")
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
            if (!grants.held().containsKey(AddOn.WHITE_LABEL)) {
                throw DomainException.conflict("A custom domain needs the white-label add-on. Buy it on this page first.");
            }
            Tenant.findByHostname(hostname).ifPresent(owner -> {
                throw DomainException.conflict(hostname + " is already the address of "
                        + (owner.id.equals(tenantId) ? "this workspace, set by the operator." : "another workspace."));
            });
            List<?> taken = entityManager.createNativeQuery(
                    "select subject_tenant_id from billing_custom_domain where hostname = ?1 and subject_tenant_id <> ?2")
                    .setParameter(1, hostname).setParameter(2, tenantId).getResultList();
            if (!taken.isEmpty()) {
                throw DomainException.conflict(hostname + " is already the address of another workspace.");
            }
            Optional<Domain> before = of(tenantId);
            entityManager.createNativeQuery("""
                    insert into billing_custom_domain (subject_tenant_id, hostname, challenge_token, verified_at, created_by, created_at)
                    values (?1, ?2, ?3, null, ?4, ?5)
                    on conflict (subject_tenant_id) do update set hostname = excluded.hostname,
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
            Optional<List<String>> values = txtRecords(domain.get().challengeName());
            found = values.isEmpty() ? Verification.LOOKUP_FAILED
                    : values.get().isEmpty() ? Verification.RECORD_MISSING
                    : values.get().contains(domain.get().token()) ? Verification.VERIFIED : Verification.TOKEN_DIFFERS;
        } catch (IOException e) {
            LOG.warnf("TXT look-up of %s failed: %s", domain.get().challengeName(), e.toString());
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
                     where subject_tenant_id = ?2 and hostname = ?3 and challenge_token = ?4 and verified_at is null""")
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
                    "delete from billing_custom_domain where subject_tenant_id = ?1 returning hostname")
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

    /**
     * The strings of the TXT records at {@code name} (none when the name doesn't exist or the server refuses it), or
     * empty when the server failed. A timeout throws.
     */
    private Optional<List<String>> txtRecords(String name) throws IOException {
        Resolver resolver = dnsServer.isPresent() ? new SimpleResolver(address(dnsServer.get()))
                // No server named: the system's resolvers (/etc/resolv.conf).
                : new ExtendedResolver();
        resolver.setTimeout(Duration.ofMillis(dnsTimeoutMillis));
        org.xbill.DNS.Record question = org.xbill.DNS.Record.newRecord(Name.fromString(name, Name.root), Type.TXT,
                DClass.IN);
        Message answer = resolver.send(Message.newQuery(question));
        int rcode = answer.getRcode();
        if (rcode == Rcode.NXDOMAIN || rcode == Rcode.REFUSED) {
            return Optional.of(List.of());
        }
        if (rcode != Rcode.NOERROR) {
            LOG.warnf("TXT look-up of %s answered %s", name, Rcode.string(rcode));
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (org.xbill.DNS.Record record : answer.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt) {
                // A long value is published as several strings of at most 255 characters: they form one value.
                values.add(String.join("", txt.getStrings()));
            }
        }
        return Optional.of(values);
    }

    /** {@code host}, {@code host:port} or {@code [v6]:port}; port 53 when none is given. */
    private static InetSocketAddress address(String server) throws IOException {
        String host = server;
        int port = 53;
        int colon = server.lastIndexOf(':');
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            host = server.substring(1, close);
            if (colon > close) {
                port = Integer.parseInt(server.substring(colon + 1));
            }
        } else if (colon > 0 && server.indexOf(':') == colon) {
            host = server.substring(0, colon);
            port = Integer.parseInt(server.substring(colon + 1));
        }
        return new InetSocketAddress(InetAddress.getByName(host), port);
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
