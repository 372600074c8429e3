package pro.dailydoco.account;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import pro.dailydoco.account.MemberChanged.Change;

/**
 * Announces membership changes as {@link MemberChanged}, one call beside each change (the team page, invitations,
 * SSO and SCIM provisioning), in the change's transaction. Call it after the role is set, and before a membership
 * is deleted (the person is read while they are still a member).
 */
@ApplicationScoped
public class MemberEvents {

    private final Event<MemberChanged> events;
    private final Clock clock;

    MemberEvents(Event<MemberChanged> events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public void joined(Membership membership) {
        fire(membership, Change.CREATED, null);
    }

    /** Nothing is announced when the role did not change. */
    public void roleChanged(Membership membership, Role previous) {
        if (previous != membership.role) {
            fire(membership, Change.UPDATED, previous);
        }
    }

    public void leaving(Membership membership) {
        fire(membership, Change.DELETED, null);
    }

    private void fire(Membership m, Change change, Role previous) {
        User user = User.findById(m.userId);
        events.fire(new MemberChanged(m.tenantId, change, m.id, m.userId, user == null ? null : user.email,
                user == null ? null : user.displayName, m.role, previous, clock.instant()));
    }
}
