package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import pro.dailydoco.account.Role;

/** Third-party initiated login's parameters are wishes: only the workspace's own issuer, pages and printable hints. */
class SsoLoginInitiationTest {

    private static final String BASE = "https://app.dailydoco.example";

    @Test
    void aTargetIsAPageOfThisWorkspaceOnOurOriginOrNothing() {
        assertEquals(Optional.of("/t/acme/projects?sort=new"), SsoLoginInitiation.safeTarget(BASE + "/t/acme/projects?sort=new", BASE, "acme"));
        assertEquals(Optional.of("/t/acme/projects"), SsoLoginInitiation.safeTarget("/t/acme/projects", BASE, "acme"));
        assertEquals(Optional.of("/t/acme/"), SsoLoginInitiation.safeTarget("https://APP.dailydoco.example:443/t/acme/", BASE, "acme"));
        for (String refused : List.of("https://evil.example/t/acme/projects", "//evil.example/t/acme/projects",
                "http://app.dailydoco.example/t/acme/projects", "https://app.dailydoco.example:8443/t/acme/",
                "https://user@app.dailydoco.example/t/acme/", "/t/other/projects", "/t/acme/../other/", "/t/acme/./x",
                "/\\evil.example/t/acme/", "javascript:alert(1)", "/t/acme/sso/login", "/login", "", "not a url at all %%")) {
            assertEquals(Optional.empty(), SsoLoginInitiation.safeTarget(refused, BASE, "acme"), refused);
        }
        assertEquals(Optional.empty(), SsoLoginInitiation.safeTarget(null, BASE, "acme"));
    }

    @Test
    void theIssuerMustBeTheWorkspacesOwnWhenNamed() {
        SsoSettings settings = new SsoSettings(UUID.randomUUID(), "acme", SsoSettings.Source.SETTINGS_PAGE, "v1",
                "https://idp.acme.example/realms/acme", "dd", Optional.of("s"), List.of("openid"), "groups", Role.MEMBER,
                Map.of(), false, List.of("acme.example"));
        assertTrue(SsoLoginInitiation.issuerMatches(null, settings), "the portal link names none");
        assertTrue(SsoLoginInitiation.issuerMatches("https://idp.acme.example/realms/acme/", settings));
        assertFalse(SsoLoginInitiation.issuerMatches("https://idp.evil.example/realms/acme", settings));
        assertFalse(SsoLoginInitiation.issuerMatches("https://idp.acme.example/realms/other", settings));
    }

    @Test
    void aLoginHintIsPassedOnOnlyWhenPrintableAndShort() {
        assertEquals(Optional.of("pat@acme.example"), SsoLoginInitiation.loginHint("pat@acme.example"));
        assertEquals(Optional.empty(), SsoLoginInitiation.loginHint("pat\r\nX-Injected: 1"));
        assertEquals(Optional.empty(), SsoLoginInitiation.loginHint("x".repeat(300)));
        assertEquals(Optional.empty(), SsoLoginInitiation.loginHint(" "));
    }
}
