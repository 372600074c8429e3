package pro.dailydoco.bench.bare;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The least a webhook endpoint can do: check Stripe's signature (HMAC-SHA256 over {@code t.payload}, within five
 * minutes), read the event's id and store the body in one row. What the app's endpoint does on top is its cost.
 */
@Path("/webhooks/stripe")
public class BareWebhookResource {

    private static final long TOLERANCE_SECONDS = 300;

    private final byte[] secret = System.getenv("STRIPE_WEBHOOK_SECRET").getBytes(StandardCharsets.UTF_8);
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    EntityManager entityManager;

    @Transactional
    void createTable(@Observes StartupEvent start) {
        entityManager.createNativeQuery("""
                create table if not exists bare_event (
                    event_id text primary key, payload text not null, received_at timestamptz not null)""")
                .executeUpdate();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Transactional
    public Response receive(byte[] body, @HeaderParam("Stripe-Signature") String signature) throws Exception {
        String payload = new String(body, StandardCharsets.UTF_8);
        if (!verified(payload, signature)) {
            return Response.status(400).build();
        }
        JsonNode event = json.readTree(payload);
        entityManager.createNativeQuery("""
                insert into bare_event (event_id, payload, received_at) values (?1, ?2, ?3)
                on conflict (event_id) do nothing""")
                .setParameter(1, event.path("id").asText()).setParameter(2, payload)
                .setParameter(3, Timestamp.from(Instant.now())).executeUpdate();
        return Response.ok("{\"received\":true}", MediaType.APPLICATION_JSON).build();
    }

    private boolean verified(String payload, String header) throws GeneralSecurityException {
        if (header == null) {
            return false;
        }
        long t = -1;
        String v1 = null;
        for (String element : header.split(",")) {
            String[] pair = element.split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                t = Long.parseLong(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                v1 = pair[1];
            }
        }
        if (v1 == null || Math.abs(Instant.now().getEpochSecond() - t) > TOLERANCE_SECONDS) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] expected = mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII),
                v1.getBytes(StandardCharsets.US_ASCII));
    }
}
