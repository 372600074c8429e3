package pro.dailydoco.core.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A page (GET) that writes nothing: its request's one transaction is made read-only in PostgreSQL right after the
 * who-is-asking look-up, so a write slipping in fails loudly instead of committing
 * (docs/decisions/0151-one-transaction-per-page.md). Pages without it still run in one transaction, read-write.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface ReadOnlyPage {
}
