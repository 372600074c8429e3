package pro.dailydoco.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** Who is signed in on this request, their session and their role in the request's workspace. */
@Named("currentUser")
@RequestScoped
public class CurrentUser {

    /** One of the user's workspaces, for the switcher. */
    public record Workspace(String slug, String name, Role role) {
    }

    private User user;
    private WebSession session;
    private String sessionToken;
    private Membership membership;
    private boolean operator;
    private boolean password;
    private List<Workspace> workspaces = List.of();
    /** Set once the request's who-is-asking look-up ran; then {@link #membershipLookedUpIn} is the workspace it read. */
    private boolean lookedUp;
    private UUID membershipLookedUpIn;

    void signIn(User user, WebSession session, String sessionToken, boolean operator, boolean password) {
        this.user = user;
        this.session = session;
        this.sessionToken = sessionToken;
        this.operator = operator;
        this.password = password;
    }

    void setMembership(Membership membership) {
        this.membership = membership;
    }

    void setWorkspaces(List<Workspace> workspaces) {
        this.workspaces = workspaces;
    }

    void lookedUp(UUID workspace) {
        this.lookedUp = true;
        this.membershipLookedUpIn = workspace;
    }

    boolean isLookedUp() {
        return lookedUp;
    }

    /** Whether the look-up already read the membership (or its absence) in {@code workspace}. */
    boolean lookedUpMembershipIn(UUID workspace) {
        return lookedUp && workspace != null && workspace.equals(membershipLookedUpIn);
    }

    public boolean isSignedIn() {
        return user != null;
    }

    public Optional<User> optionalUser() {
        return Optional.ofNullable(user);
    }

    public User require() {
        if (user == null) {
            throw new IllegalStateException("No signed-in user on this request");
        }
        return user;
    }

    public UUID id() {
        return require().id;
    }

    public Optional<WebSession> session() {
        return Optional.ofNullable(session);
    }

    public String sessionToken() {
        return sessionToken;
    }

    public Optional<Membership> membership() {
        return Optional.ofNullable(membership);
    }

    public Optional<Role> role() {
        return membership().map(m -> m.role);
    }

    public boolean can(Permission permission) {
        return membership != null && membership.role.can(permission);
    }

    public boolean isOperator() {
        return operator;
    }

    /**
     * Whether the person can sign in with a password, as the request's look-up read it (the look-up never carries the
     * hash out of the database, so {@link #getUser()} has none).
     */
    public boolean hasPassword() {
        return password;
    }

    // Template-friendly accessors
    public User getUser() {
        return user;
    }

    public boolean getSignedIn() {
        return isSignedIn();
    }

    public boolean getOperator() {
        return operator;
    }

    public Role getRole() {
        return role().orElse(null);
    }

    public List<Workspace> getWorkspaces() {
        return workspaces;
    }

    public boolean getCanManageMembers() {
        return can(Permission.MEMBERS_MANAGE);
    }

    public boolean getCanManageBilling() {
        return can(Permission.BILLING_MANAGE);
    }

    public boolean getCanViewAudit() {
        return can(Permission.AUDIT_VIEW);
    }
}
