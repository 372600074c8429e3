package pro.dailydoco.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Registers the real OIDC servers for the whole run (one Quarkus boot): Keycloak with two realms, started in the
 * background, and mock-oauth2-server for the ID tokens Keycloak won't mint (expired, wrong audience, wrong key).
 */
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MockOidcResource.class, restrictToAnnotatedClass = false)
public class OidcTestResources {
}
