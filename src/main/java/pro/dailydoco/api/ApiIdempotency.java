package pro.dailydoco.api;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.database.Row;

/**
 * Answers to POSTs sent with an {@code Idempotency-Key}, kept per API key for the configured window (24 hours): the
 * first request claims the key, runs, and its answer is stored; a retry with the same key and the same request gets
 * that answer again without running anything or counting a call; the same key with another request is refused
 * (docs/decisions/0186-api-idempotency-keys.md).
 */
@ApplicationScoped
class ApiIdempotency {

    static final String HEADER = "Idempotency-Key";
    static final int KEY_MAX = 255;

    /** The claim a first request holds until its answer is stored. */
    record Claim(UUID keyId, String idempotencyKey) {
    }

    /** A stored answer, sent again as it was. */
    record Stored(int status, String body, String location) {
    }

    private final EntityManager entityManager;
    private final ApiConfig config;
    private final Clock clock;

    ApiIdempotency(EntityManager entityManager, ApiConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Claims {@code idempotencyKey} for this request, or finds the stored answer of an earlier identical one. Joins
     * the admission's transaction, so a claim is kept only when the call is also counted.
     *
     * @return the stored answer to replay, or empty when this request claimed the key and runs
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<Stored> claimOrReplay(UUID tenantId, UUID keyId, String idempotencyKey, String requestHash) {
        Instant now = clock.instant();
        Optional<Row> earlier = Row.first(entityManager.createNativeQuery("""
                select request_hash as request_hash, status as status, body as body, location as location,
                       created_at as created_at
                  from api_idempotency where api_key_id = ?1 and idempotency_key = ?2 for update""", Tuple.class)
                .setParameter(1, keyId).setParameter(2, idempotencyKey));
        if (earlier.isPresent() && earlier.get().instant("created_at").plus(config.idempotencyWindow()).isAfter(now)) {
            Row row = earlier.get();
            if (!row.string("request_hash").equals(requestHash)) {
                throw new ApiProblem(422, "idempotency-key-reused", "Idempotency key reused",
                        "This Idempotency-Key was already used with a different request in the last 24 hours. Use a new"
                                + " key for a new request. Nothing was changed.");
            }
            if (row.value("status") == null) {
                throw new ApiProblem(409, "idempotency-key-in-use", "Request in progress",
                        "A request with this Idempotency-Key is still running. Retry shortly to get its answer.",
                        Map.of("Retry-After", "1"));
            }
            return Optional.of(new Stored(row.intValue("status"), row.string("body"), row.string("location")));
        }
        if (earlier.isPresent()) {
            entityManager.createNativeQuery("delete from api_idempotency where api_key_id = ?1 and idempotency_key = ?2")
                    .setParameter(1, keyId).setParameter(2, idempotencyKey).executeUpdate();
        }
        int claimed = entityManager.createNativeQuery("""
                insert into api_idempotency (tenant_id, api_key_id, idempotency_key, request_hash, created_at)
                values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                .setParameter(1, tenantId).setParameter(2, keyId).setParameter(3, idempotencyKey)
                .setParameter(4, requestHash).setParameter(5, now).executeUpdate();
        if (claimed == 0) {
            // Another request with the same key claimed it a moment ago.
            throw new ApiProblem(409, "idempotency-key-in-use", "Request in progress",
                    "A request with this Idempotency-Key is still running. Retry shortly to get its answer.",
                    Map.of("Retry-After", "1"));
        }
        return Optional.empty();
    }

    /** Stores the answer of the request that holds the claim; a server error releases the claim instead. */
    @Transactional
    void complete(Claim claim, int status, String body, String location) {
        if (status >= 500) {
            entityManager.createNativeQuery("delete from api_idempotency where api_key_id = ?1 and idempotency_key = ?2")
                    .setParameter(1, claim.keyId()).setParameter(2, claim.idempotencyKey()).executeUpdate();
            return;
        }
        entityManager.createNativeQuery("""
                update api_idempotency set status = ?3, body = ?4, location = ?5
                 where api_key_id = ?1 and idempotency_key = ?2""")
                .setParameter(1, claim.keyId()).setParameter(2, claim.idempotencyKey()).setParameter(3, status)
                .setParameter(4, body).setParameter(5, location).executeUpdate();
    }
}
