package pro.dailydoco.account;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Who the platform operators are: the configured emails, lower case as accounts store them, read once. Also copies
 * them into {@code platform_operator} at every start, so row-level policies can
 * tell an operator acting from anyone else by data, never by a switch a request could set
 * (docs/decisions/0130-scoped-reads-of-screenings-destinations-and-mrr.md). Instances share one configuration, so
 * two starting at once write the same rows; removing the emails no longer listed keeps the table the configuration.
 */
@ApplicationScoped
public class PlatformOperators {

    private final List<String> emails;
    private final Set<String> lookup;
    private final EntityManager entityManager;

    PlatformOperators(AccountConfig config, EntityManager entityManager) {
        this.emails = config.operatorEmails().orElse(List.of()).stream().map(e -> e.trim().toLowerCase(Locale.ROOT))
                .filter(e -> !e.isEmpty()).distinct().toList();
        this.lookup = Set.copyOf(emails);
        this.entityManager = entityManager;
    }

    /** Whether the account with this (normalised) email is a platform operator. */
    public boolean isOperator(String email) {
        return email != null && lookup.contains(email);
    }

    /** The operators' emails, lower case. */
    public List<String> emails() {
        return emails;
    }

    void onStart(@Observes StartupEvent event) {
        synchronise();
    }

    /** Makes {@code platform_operator} hold exactly the configured operator emails (lower case, as accounts store them). */
    @Transactional
    public void synchronise() {
        String array = emails.stream().map(e -> "\"" + e.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        entityManager.createNativeQuery("delete from platform_operator where email <> all(cast(?1 as text[]))")
                .setParameter(1, array).executeUpdate();
        entityManager.createNativeQuery("""
                insert into platform_operator (email) select unnest(cast(?1 as text[])) on conflict do nothing""")
                .setParameter(1, array).executeUpdate();
    }
}
