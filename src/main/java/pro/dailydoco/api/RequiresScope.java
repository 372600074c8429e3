package pro.dailydoco.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope an API endpoint needs; {@link ApiGate} refuses a key without it (403) before the endpoint runs. Every
 * endpoint under {@code /api/v1} that takes a key declares one: an endpoint that forgets is refused to every key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface RequiresScope {
    ApiScope value();
}
