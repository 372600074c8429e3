package pro.dailydoco.project;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import pro.dailydoco.audit.AuditEvent;
import pro.dailydoco.audit.AuditLog;
import pro.dailydoco.billing.Entitlements;
import pro.dailydoco.billing.Limit;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.web.Paged;
import pro.dailydoco.tenant.TenantService;

/**
 * A workspace's documentation projects. Runs in the request's tenant scope: Hibernate's tenant filter and the
 * database policy both hide other tenants' rows, so another tenant's id is simply not found (404).
 */
@ApplicationScoped
public class ProjectService {

    public static final int PAGE_SIZE = 20;

    private final Entitlements entitlements;
    private final TenantService tenants;
    private final AuditLog auditLog;
    private final Clock clock;
    /** Observers (outgoing webhooks) write in the same transaction: a rolled-back change announces nothing. */
    @Inject
    Event<ProjectChanged> changes;

    ProjectService(Entitlements entitlements, TenantService tenants, AuditLog auditLog, Clock clock) {
        this.entitlements = entitlements;
        this.tenants = tenants;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public Paged<Project> list(Integer page) {
        long total = Project.count();
        int current = Paged.clamp(page, total, PAGE_SIZE);
        var rows = Project.<Project> find("order by lower(name), id").page(current - 1, PAGE_SIZE).list();
        return new Paged<>(rows, current, Paged.pages(total, PAGE_SIZE), total);
    }

    /**
     * Up to {@code limit} projects in creation order after the one created at {@code createdAt} with {@code id} (from
     * the start when null): a cursor that stays right while projects are added or removed (the public API's lists).
     */
    @Transactional
    public List<Project> listAfter(Instant createdAt, UUID id, int limit) {
        if (createdAt == null) {
            return Project.<Project> find("order by createdAt, id").page(0, limit).list();
        }
        return Project.<Project> find("createdAt > ?1 or (createdAt = ?1 and id > ?2) order by createdAt, id", createdAt, id)
                .page(0, limit).list();
    }

    /** The tenant's project, or 404 for an unknown id or one of another tenant. */
    @Transactional
    public Project get(UUID projectId) {
        return Project.<Project> find("id", projectId).firstResultOptional()
                .orElseThrow(() -> DomainException.notFound("There is no such project in this workspace."));
    }

    @Transactional
    public long count() {
        return Project.count();
    }

    /** The tenant's newest projects, for the workspace home. */
    @Transactional
    public List<Project> newest(int limit) {
        return Project.<Project> find("order by createdAt desc, id").page(0, limit).list();
    }

    /**
     * Creates a project unless the plan's project limit is reached (LimitExceeded, 402). The tenant row is locked
     * first so two people creating the last allowed project at once cannot both succeed.
     */
    @Transactional
    public Project create(UUID tenantId, UUID userId, String name, String repositoryUrl, String description) {
        ProjectInput.ProjectFields fields = ProjectInput.project(name, repositoryUrl, description);
        tenants.lock(tenantId);
        entitlements.requireWithin(tenantId, Limit.PROJECTS, Project.count(), 1);
        Project project = new Project();
        project.id = UUID.randomUUID();
        apply(project, fields);
        project.createdAt = project.updatedAt;
        project.persist();
        auditLog.record(tenantId, AuditEvent.user(userId, "project.created").subjectTenant(tenantId)
                .target("project", project.id.toString()).build());
        changes.fire(ProjectChanged.of(tenantId, ProjectChanged.Change.CREATED, project, project.createdAt));
        return project;
    }

    @Transactional
    public Project update(UUID tenantId, UUID userId, UUID projectId, String name, String repositoryUrl,
            String description) {
        Project project = get(projectId);
        apply(project, ProjectInput.project(name, repositoryUrl, description));
        auditLog.record(tenantId, AuditEvent.user(userId, "project.updated").subjectTenant(tenantId)
                .target("project", project.id.toString()).build());
        changes.fire(ProjectChanged.of(tenantId, ProjectChanged.Change.UPDATED, project, project.updatedAt));
        return project;
    }

    /** Deletes the project and its videos. */
    @Transactional
    public void delete(UUID tenantId, UUID userId, UUID projectId) {
        Project project = get(projectId);
        long videos = Video.delete("projectId", project.id);
        project.delete();
        auditLog.record(tenantId, AuditEvent.user(userId, "project.deleted").subjectTenant(tenantId)
                .target("project", project.id.toString()).detail("videos", videos).build());
        changes.fire(ProjectChanged.of(tenantId, ProjectChanged.Change.DELETED, project, clock.instant()));
    }

    private void apply(Project project, ProjectInput.ProjectFields fields) {
        Instant now = clock.instant();
        project.name = fields.name();
        project.repositoryUrl = fields.repositoryUrl();
        project.description = fields.description();
        project.updatedAt = now;
    }
}
