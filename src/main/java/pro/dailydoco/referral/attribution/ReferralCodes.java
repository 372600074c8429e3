package pro.dailydoco.referral.attribution;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.database.Row;
import pro.dailydoco.referral.ActingAs;
import pro.dailydoco.tenant.TenantConfig;

/**
 * Referral codes: every user has a generated code (16 characters from a 32-letter alphabet, 80 random bits, so codes
 * can't be guessed or enumerated) and may choose one vanity code, once. Codes are case-insensitive (stored lower
 * case) and unique across both kinds.
 */
@ApplicationScoped
public class ReferralCodes {

    static final Pattern VANITY = Pattern.compile("^[a-z0-9-]{4,32}$");
    /** Words that look like the platform speaking, or like pages of it. */
    static final Set<String> RESERVED = Set.of("admin", "administrator", "api", "app", "billing", "dailydoco", "help",
            "login", "logout", "null", "operator", "official", "pricing", "referral", "root", "signup", "staff",
            "support", "system", "undefined", "webhooks", "www");
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Codes(String generated, String vanity) {

        /** The code a person shares: their vanity code once chosen, else the generated one. */
        public String shared() {
            return vanity != null ? vanity : generated;
        }
    }

    private final EntityManager entityManager;
    private final ActingAs actingAs;
    private final TenantConfig tenantConfig;
    private final Clock clock;

    ReferralCodes(EntityManager entityManager, ActingAs actingAs, TenantConfig tenantConfig, Clock clock) {
        this.entityManager = entityManager;
        this.actingAs = actingAs;
        this.tenantConfig = tenantConfig;
        this.clock = clock;
    }

    /** The user's referral link, as every page shows it (creating their generated code on first use). */
    @Transactional
    public String linkOf(UUID userId) {
        return tenantConfig.absolute("/r/" + codesOf(userId).shared());
    }

    /** The user's codes, creating the generated one on first use. */
    @Transactional
    public Codes codesOf(UUID userId) {
        return actingAs.call(userId, () -> {
            // Both kinds in one statement: every signed-in page that shows the link asks for them.
            Codes stored = read(userId);
            String generated = stored.generated();
            while (generated == null) {
                String candidate = randomCode();
                // A collision of 80 random bits is practically impossible; if it happens, draw again.
                if (insert(candidate, userId, "GENERATED") == 1) {
                    generated = candidate;
                } else {
                    generated = find(userId, "GENERATED").orElse(null);
                }
            }
            return new Codes(generated, stored.vanity());
        });
    }

    /**
     * Chooses the user's vanity code: 4–32 characters of a–z, 0–9 and '-', case-insensitive, not reserved, not in
     * use, and only once per user (a link already shared must keep working for the person it names).
     */
    @Transactional
    public String chooseVanity(UUID userId, String requested) {
        String code = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
        if (!VANITY.matcher(code).matches()) {
            throw InvalidInput.of("code", "Use 4 to 32 characters: letters, digits and '-'.");
        }
        if (RESERVED.contains(code)) {
            throw InvalidInput.of("code", "This code is reserved; choose another one.");
        }
        return actingAs.call(userId, () -> {
            if (find(userId, "VANITY").isPresent()) {
                throw InvalidInput.of("code", "You have already chosen your personal code; it can't be changed.");
            }
            if (insert(code, userId, "VANITY") == 0) {
                throw InvalidInput.of("code", "This code is taken; choose another one.");
            }
            return code;
        });
    }

    /**
     * The sponsor a public link names, if the code exists, is enabled and its owner is active. The lookup names the
     * one code (app.referral_code) and so sees that row only.
     */
    @Transactional
    public Optional<UUID> sponsorOf(String rawCode) {
        String code = rawCode == null ? "" : rawCode.trim().toLowerCase(Locale.ROOT);
        if (!VANITY.matcher(code).matches()) {
            return Optional.empty();
        }
        entityManager.createNativeQuery("select set_config('app.referral_code', ?1, true)").setParameter(1, code)
                .getSingleResult();
        try {
            List<?> owners = entityManager.createNativeQuery("""
                    select c.user_id from referral_code c join account_person u on u.id = c.user_id
                    where c.code = ?1 and c.disabled_at is null and u.status = 'ACTIVE'""")
                    .setParameter(1, code).getResultList();
            return owners.stream().map(UUID.class::cast).findFirst();
        } finally {
            entityManager.createNativeQuery("select set_config('app.referral_code', '', true)").getSingleResult();
        }
    }

    /** Switches one of the user's codes off; its links then land on sign-up without attribution. */
    @Transactional
    public void disable(UUID userId, String code) {
        actingAs.run(userId, () -> entityManager.createNativeQuery(
                "update referral_code set disabled_at = ?1 where user_id = ?2 and code = ?3 and disabled_at is null")
                .setParameter(1, clock.instant()).setParameter(2, userId)
                .setParameter(3, code.toLowerCase(Locale.ROOT)).executeUpdate());
    }

    private Codes read(UUID userId) {
        String generated = null;
        String vanity = null;
        for (Row row : Row.list(entityManager.createNativeQuery(
                "select kind as kind, code as code from referral_code where user_id = ?1", Tuple.class)
                .setParameter(1, userId))) {
            if ("GENERATED".equals(row.string("kind"))) {
                generated = row.string("code");
            } else {
                vanity = row.string("code");
            }
        }
        return new Codes(generated, vanity);
    }

    private Optional<String> find(UUID userId, String kind) {
        List<?> codes = entityManager.createNativeQuery("select code from referral_code where user_id = ?1 and kind = ?2")
                .setParameter(1, userId).setParameter(2, kind).getResultList();
        return codes.stream().map(String.class::cast).findFirst();
    }

    private int insert(String code, UUID userId, String kind) {
        return entityManager.createNativeQuery("""
                insert into referral_code (code, user_id, kind, created_at) values (?1, ?2, ?3, ?4)
                on conflict do nothing""")
                .setParameter(1, code).setParameter(2, userId).setParameter(3, kind).setParameter(4, clock.instant())
                .executeUpdate();
    }

    private static String randomCode() {
        char[] code = new char[16];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }
}
