package pro.dailydoco.core.web;

import java.util.Map;

/** What a re-rendered form needs: the values typed (never passwords) and a message per field. */
public record FormState(Map<String, String> values, Map<String, String> errors) {

    public static FormState empty() {
        return new FormState(Map.of(), Map.of());
    }

    public static FormState of(Map<String, String> values) {
        return new FormState(values, Map.of());
    }

    public FormState withErrors(Map<String, String> errors) {
        return new FormState(values, errors);
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
