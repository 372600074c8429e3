package pro.dailydoco.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the real OIDC server (Keycloak, two realms) for the whole run; it starts in the background. */
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
public class OidcTestResources {
}
