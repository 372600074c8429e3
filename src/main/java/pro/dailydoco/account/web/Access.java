package pro.dailydoco.account.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import pro.dailydoco.account.Permission;

/**
 * Access rules declared on resources and enforced by {@link AuthenticationFilter} before any resource runs.
 * Pages under {@code /t/{slug}/} are for members by default: secure unless a method says otherwise.
 */
public final class Access {

    private Access() {
    }

    /** The page needs a signed-in user (outside workspaces: profile, workspace list). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD })
    public @interface SignedIn {
    }

    /** A workspace page that needs a permission beyond membership; a member without it gets 403. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD })
    public @interface Requires {
        Permission value();
    }

    /** A workspace page open to non-members (e.g. accepting an invitation, starting SSO). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD })
    public @interface OpenToNonMembers {
    }

    /**
     * Called by another system, authorised by what the request carries (a provider's signature, a bearer token), never
     * by a browser's cookie: no CSRF token is asked, and a workspace's endpoint may refuse an outsider with its own
     * protocol's 4xx instead of the one not-found page (docs/decisions/0095-outsiders-see-one-not-found.md), as long as
     * it names nothing of the workspace.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD })
    public @interface SignedBySender {
    }

    /** Platform operator pages; anyone else gets 404. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD })
    public @interface Operator {
    }
}
