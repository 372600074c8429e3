package pro.dailydoco.core;

/**
 * A value with a label people read ("Past due", "Tenant file"), for enums whose constant names are for code and the
 * database only. Pages show enums through {@code pro.dailydoco.core.web.Formats#label}, which uses this label when
 * there is one (docs/decisions/0146-one-way-to-write-things.md).
 */
public interface Labelled {

    String label();
}
