package pro.dailydoco.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SsoFailuresLogTest {

    @Test
    void aRefusedIdTokensClaimsNeverReachTheLog() {
        // The shape of quarkus-oidc's message for an expired ID token.
        String message = "ID token verification has failed: JWT (claims->{\"sub\":\"s\",\"email\":\"pat@corp.example\","
                + "\"address\":{\"country\":\"NO\"},\"name\":\"Pat (Ops)\"}) rejected due to invalid claims or other invalid content. "
                + "Additional details: [[1] The JWT is no longer valid]";
        assertEquals("ID token verification has failed: JWT rejected due to invalid claims or other invalid content. "
                + "Additional details: [[1] The JWT is no longer valid]", SsoFailures.withoutClaims(message));
        // ... and for a bad signature, which quotes the token itself.
        assertEquals("JWT rejected due to invalid signature. Additional details: [[9] Invalid JWS Signature: "
                + "JsonWebSignature{\"kid\":\"k\",\"alg\":\"RS256\"}->[token]]", SsoFailures.withoutClaims(
                "JWT rejected due to invalid signature. Additional details: [[9] Invalid JWS Signature: "
                        + "JsonWebSignature{\"kid\":\"k\",\"alg\":\"RS256\"}->eyJraWQiOiJrIn0.eyJlbWFpbCI6InBhdEBjb3JwLmV4YW1wbGUifQ.c2ln-_x]"));
        assertNull(SsoFailures.withoutClaims(null));
    }
}
