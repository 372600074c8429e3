package pro.dailydoco.account;

import java.util.List;
import java.util.Locale;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Copies the configured operator emails into {@code platform_operator} at every start, so row-level policies can
 * tell an operator acting from anyone else by data, never by a switch a request could set
 * (docs/decisions/0130-scoped-reads-of-screenings-destinations-and-mrr.md). Instances share one configuration, so
 * two starting at once write the same rows; removing the emails no longer listed keeps the table the configuration.
 */
@ApplicationScoped
public class PlatformOperators {

    private final AccountConfig config;
    private final EntityManager entityManager;

    PlatformOperators(AccountConfig config, EntityManager entityManager) {
        this.config = config;
        this.entityManager = entityManager;
    }

    void onStart(@Observes StartupEvent event) {
        synchronise();
    }

    /** Makes {@code platform_operator} hold exactly the configured operator emails (lower case, as accounts store them). */
    @Transactional
    public void synchronise() {
        List<String> emails = config.operatorEmails().orElse(List.of()).stream().map(e -> e.trim().toLowerCase(Locale.ROOT))
                .filter(e -> !e.isEmpty()).distinct().toList();
        String array = emails.stream().map(e -> "\"" + e.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        entityManager.createNativeQuery("delete from platform_operator where email <> all(cast(?1 as text[]))")
                .setParameter(1, array).executeUpdate();
        entityManager.createNativeQuery("""
                insert into platform_operator (email) select unnest(cast(?1 as text[])) on conflict do nothing""")
                .setParameter(1, array).executeUpdate();
    }
}
