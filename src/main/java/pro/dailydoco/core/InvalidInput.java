package pro.dailydoco.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** Input a person must correct, with a message per form field; forms re-render with the messages beside the fields. */
public class InvalidInput extends DomainException {

    private final Map<String, String> fieldErrors;

    public InvalidInput(Map<String, String> fieldErrors) {
        super(400, "Please check your input", String.join(" ", fieldErrors.values()));
        this.fieldErrors = Map.copyOf(new LinkedHashMap<>(fieldErrors));
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(Map.of(field, message));
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
