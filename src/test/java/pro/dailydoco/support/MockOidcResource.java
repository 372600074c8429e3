package pro.dailydoco.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;

/**
 * A second real OpenID Connect server for the SSO tests: NAV's {@code mock-oauth2-server} (authorization code flow
 * with PKCE and nonce, discovery, JWKS, signed tokens), started once per run. Keycloak can't be made to mint a bad ID
 * token; this server can, so each of its issuers below answers every sign-in with one kind of token:
 * <ul>
 * <li>{@link #WELL_BEHAVED}: a valid ID token (the control: proves the set-up signs people in);</li>
 * <li>{@link #EXPIRED}: an ID token that expired ten minutes before it was issued;</li>
 * <li>{@link #FOREIGN_AUDIENCE}: an ID token for another client;</li>
 * <li>{@link #FOREIGN_ISSUER}: an ID token that names another issuer than the one whose keys signed it;</li>
 * <li>{@link #UNPUBLISHED_KEY}: an ID token signed with the issuer's key while its JWKS endpoint publishes a
 * different key (another key provider's), as after a botched key rotation or a forgery.</li>
 * </ul>
 * Every token says the person is {@code <issuer>@mock.example} with a verified email.
 */
public class MockOidcResource implements QuarkusTestResourceLifecycleManager {

    public static final String WELL_BEHAVED = "well-behaved";
    public static final String EXPIRED = "expired-id-token";
    public static final String FOREIGN_AUDIENCE = "foreign-audience";
    public static final String FOREIGN_ISSUER = "foreign-issuer";
    public static final String UNPUBLISHED_KEY = "unpublished-key";
    public static final String CLIENT_ID = "dailydoco";
    public static final String EMAIL_DOMAIN = "mock.example";

    private static MockOAuth2Server server;
    private static volatile String baseUrl;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            KeyProvider otherKeys = new KeyProvider(List.of(), "RS256"); // generated keys, not the server's own
            OAuth2Config config = new OAuth2Config(false, null, null, false,
                    new OAuth2TokenProvider(),
                    Set.of(token(WELL_BEHAVED, 3600, Map.of()), token(EXPIRED, -600, Map.of()),
                            token(FOREIGN_AUDIENCE, 3600, Map.of("aud", List.of("someone-else"))),
                            token(FOREIGN_ISSUER, 3600, Map.of("iss", "https://idp.elsewhere.example/")),
                            token(UNPUBLISHED_KEY, 3600, Map.of())),
                    new MockWebServerWrapper());
            MockOAuth2Server started = new MockOAuth2Server(config, jwksOf(UNPUBLISHED_KEY, otherKeys));
            try {
                started.start(InetAddress.getByName("127.0.0.1"), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start mock-oauth2-server for the SSO tests", e);
            }
            server = started;
            // The issuer is computed from the Host header of each request: name it by address, as quarkus-oidc will.
            baseUrl = "http://127.0.0.1:" + started.baseUrl().port();
        }
        return Map.of();
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server = null;
            baseUrl = null;
        }
    }

    public static String issuer(String issuerId) {
        return baseUrl + "/" + issuerId;
    }

    /**
     * A JWT signed with {@code signingIssuerId}'s key (the one its JWKS publishes), with these claims over the
     * standard ones ({@code iss}, {@code aud}, {@code iat}, {@code exp}, {@code jti}, {@code sub}): what an IdP posts
     * as a back-channel logout token, or a forged one.
     */
    public static String signedToken(String signingIssuerId, String subject, Map<String, Object> claims) {
        return server.issueToken(signingIssuerId, subject, CLIENT_ID, claims, 300).serialize();
    }

    public static String emailAt(String issuerId) {
        return issuerId + "@" + EMAIL_DOMAIN;
    }

    private static OAuth2TokenCallback token(String issuerId, long expirySeconds, Map<String, Object> overrides) {
        Map<String, Object> claims = new HashMap<>(Map.of("email", emailAt(issuerId), "email_verified", true,
                "name", "Pat " + issuerId));
        claims.putAll(overrides); // claims are set after the standard ones (aud included), so they win
        return new DefaultOAuth2TokenCallback(issuerId, "sub-" + issuerId, "JWT", null, claims, expirySeconds);
    }

    /** Answers {@code GET /<issuerId>/jwks} with the public keys of another key provider. */
    private static Route jwksOf(String issuerId, KeyProvider keys) {
        String jwks = new JWKSet(keys.signingKey(issuerId)).toPublicJWKSet().toString();
        return new Route() {
            @Override
            public boolean match(OAuth2HttpRequest request) {
                return "GET".equals(request.getMethod()) && request.getUrl().encodedPath().equals("/" + issuerId + "/jwks");
            }

            @Override
            public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
                return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200, jwks, null);
            }
        };
    }
}
