package pro.dailydoco.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the real PostgreSQL for every @QuarkusTest in the run (one boot, one server). */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
public class DatabaseTestResources {
}
