package pro.dailydoco.tenant;

import pro.dailydoco.core.DomainException;

/**
 * The one answer for a workspace the request may not see: an unknown address, a path and a host that name different
 * workspaces, or a non-member asking for its pages. All three read the same (404, no name, no branding), so the
 * answer never tells whether a workspace exists.
 */
public class WorkspaceNotFound extends DomainException {

    public WorkspaceNotFound() {
        super(404, "Workspace not found",
                "There is no workspace at this address. Check the link, or ask the person who sent it.");
    }
}
