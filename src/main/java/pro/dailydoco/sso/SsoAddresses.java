package pro.dailydoco.sso;

import pro.dailydoco.tenant.TenantConfig;

/**
 * The addresses of a workspace's single sign-on that its IT admin registers at the identity provider or hands to
 * people, all on the configured base URL (never the request's Host).
 *
 * @param redirectUri where the IdP returns after sign-in (the client's redirect URI)
 * @param backChannelLogout where the IdP posts logout tokens (the client's back-channel logout URL)
 * @param signInLink the stable "Sign in with SSO" link for the company's portal, also the IdP's "initiate login URI"
 * @param afterSignOut where the IdP sends people after signing them out (post-logout redirect URI)
 */
public record SsoAddresses(String redirectUri, String backChannelLogout, String signInLink, String afterSignOut) {

    static SsoAddresses of(TenantConfig tenantConfig, String slug) {
        String flow = SsoTenantConfigResolver.flowUrl(tenantConfig, slug);
        return new SsoAddresses(flow + "/callback", flow + "/backchannel-logout", flow + "/start", tenantConfig.absolute("/login"));
    }
}
