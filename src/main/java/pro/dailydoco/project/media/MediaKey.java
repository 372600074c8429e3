package pro.dailydoco.project.media;

import java.util.UUID;

/** Whose files: a video of a workspace. Storage keeps each video's files apart under this pair. */
public record MediaKey(UUID tenantId, UUID videoId) {
}
