package pro.dailydoco.account;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * RP-initiated logout: where to send the browser after our own sign-out of a session that came from a workspace's
 * identity provider. Implemented by single sign-on; without it, sign-out is local only.
 */
public interface IdentityProviderLogout {

    /**
     * The IdP's logout address for a session of {@code ssoTenantId}, when its discovery document has one.
     *
     * @param idpLogoutHint what the session kept for this (see {@link WebSession#idpLogoutHint}), or null
     */
    Optional<URI> endSessionUrl(UUID ssoTenantId, String idpLogoutHint);
}
