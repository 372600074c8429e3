package pro.dailydoco.audit;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import pro.dailydoco.core.Labelled;

/**
 * Who did what to which thing, and how it ended. Holds ids and codes only — never names, emails or other personal
 * data — so that erasing a person never forces a change to the tamper-evident chain.
 */
public record AuditEvent(
        ActorKind actorKind,
        UUID actorUserId,
        String action,
        UUID subjectTenantId,
        String targetType,
        String targetId,
        Outcome outcome,
        Map<String, String> details) {

    public enum ActorKind {
        USER,
        OPERATOR,
        SYSTEM,
        ANONYMOUS
    }

    public enum Outcome implements Labelled {
        SUCCESS("Succeeded"),
        DENIED("Denied"),
        FAILURE("Failed");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public static Builder user(UUID userId, String action) {
        return new Builder(ActorKind.USER, userId, action);
    }

    public static Builder operator(UUID userId, String action) {
        return new Builder(ActorKind.OPERATOR, userId, action);
    }

    public static Builder system(String action) {
        return new Builder(ActorKind.SYSTEM, null, action);
    }

    public static Builder anonymous(String action) {
        return new Builder(ActorKind.ANONYMOUS, null, action);
    }

    public static final class Builder {
        private final ActorKind actorKind;
        private final UUID actorUserId;
        private final String action;
        private UUID subjectTenantId;
        private String targetType;
        private String targetId;
        private Outcome outcome = Outcome.SUCCESS;
        private final Map<String, String> details = new TreeMap<>();

        private Builder(ActorKind actorKind, UUID actorUserId, String action) {
            this.actorKind = actorKind;
            this.actorUserId = actorUserId;
            this.action = action;
        }

        public Builder subjectTenant(UUID tenantId) {
            this.subjectTenantId = tenantId;
            return this;
        }

        public Builder target(String type, String id) {
            this.targetType = type;
            this.targetId = id;
            return this;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder denied() {
            return outcome(Outcome.DENIED);
        }

        public Builder failed() {
            return outcome(Outcome.FAILURE);
        }

        public Builder detail(String key, Object value) {
            details.put(key, String.valueOf(value));
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(actorKind, actorUserId, action, subjectTenantId, targetType, targetId, outcome,
                    Map.copyOf(details));
        }
    }
}
