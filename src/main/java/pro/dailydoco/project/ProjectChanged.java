package pro.dailydoco.project;

import java.time.Instant;
import java.util.UUID;

/**
 * A project was created, changed or deleted. Fired synchronously inside the transaction that made the change, so an
 * observer's writes (outgoing webhooks' deliveries) commit or roll back with it. Carries what a workspace's own
 * integrations may see of the project.
 */
public record ProjectChanged(UUID tenantId, Change change, UUID projectId, String name, String repositoryUrl,
        String description, Instant at) {

    public enum Change {
        CREATED,
        UPDATED,
        DELETED
    }

    static ProjectChanged of(UUID tenantId, Change change, Project project, Instant at) {
        return new ProjectChanged(tenantId, change, project.id, project.name, project.repositoryUrl, project.description, at);
    }
}
