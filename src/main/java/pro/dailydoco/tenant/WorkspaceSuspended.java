package pro.dailydoco.tenant;

import pro.dailydoco.core.DomainException;

/**
 * The answer for a suspended workspace to those it may be shown to (403, with its name): its members on its path,
 * anyone on its own host name. Everyone else gets {@link WorkspaceNotFound}, as for an unknown workspace.
 */
public class WorkspaceSuspended extends DomainException {

    public WorkspaceSuspended(Tenant tenant) {
        super(403, "Workspace suspended",
                "The workspace “" + tenant.displayName + "” is suspended. Its owners can contact support to reactivate it.");
    }
}
