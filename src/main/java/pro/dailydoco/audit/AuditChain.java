package pro.dailydoco.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hash chain rule, in one place: {@code hash = sha256(prev_hash + "\n" + canonical payload)}. The canonical
 * payload lists the fields in a fixed order and the details as JSON with sorted keys, so recomputing it from the
 * stored row gives the same bytes.
 */
public final class AuditChain {

    public static final String GENESIS = "genesis";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditChain() {
    }

    public static String canonicalDetails(Map<String, String> details) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(details == null ? Map.of() : details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hash(String prevHash, String chain, long seq, Instant occurredAt, String actorKind,
            UUID actorUserId, String action, UUID subjectTenantId, String targetType, String targetId, String outcome,
            String canonicalDetails) {
        String payload = String.join("\n",
                "chain=" + chain,
                "seq=" + seq,
                "at=" + occurredAt,
                "actor=" + actorKind + ":" + actorUserId,
                "action=" + action,
                "subject=" + subjectTenantId,
                "target=" + targetType + ":" + targetId,
                "outcome=" + outcome,
                "details=" + canonicalDetails);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(prevHash.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            return HexFormat.of().formatHex(digest.digest(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
