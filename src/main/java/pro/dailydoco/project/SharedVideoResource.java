package pro.dailydoco.project;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.project.media.MediaKey;
import pro.dailydoco.billing.addon.WhiteLabel;
import pro.dailydoco.project.media.MediaStorage;

/**
 * A video opened by its share link, by anyone holding it: a revoked, expired or unknown link is the same 404
 * (docs/decisions/0198-private-videos-and-share-links.md).
 */
@Path("/v/{token}")
@Produces(MediaType.TEXT_HTML)
public class SharedVideoResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance shared(String token, VideoPlayback.Shared shared);
    }

    private final VideoPlayback playback;
    private final MediaStorage storage;
    private final WhiteLabel whiteLabel;

    SharedVideoResource(VideoPlayback playback, MediaStorage storage, WhiteLabel whiteLabel) {
        this.playback = playback;
        this.storage = storage;
        this.whiteLabel = whiteLabel;
    }

    @GET
    public TemplateInstance show(@RestPath String token) {
        VideoPlayback.Shared shared = playback.shared(token).orElseThrow(SharedVideoResource::notFound);
        // A white-label workspace's shared video shows no DailyDoco branding either.
        whiteLabel.showing(shared.tenantId());
        return Templates.shared(token, shared);
    }

    @GET
    @Path("media/{name}")
    @Produces(MediaType.WILDCARD)
    public Response media(@RestPath String token, @RestPath String name, @RestHeader("Range") String range) {
        return file(token, name, range);
    }

    @GET
    @Path("media/{folder}/{name}")
    @Produces(MediaType.WILDCARD)
    public Response media(@RestPath String token, @RestPath String folder, @RestPath String name,
            @RestHeader("Range") String range) {
        return file(token, folder + "/" + name, range);
    }

    @GET
    @Path("media/{folder}/{rendition}/{name}")
    @Produces(MediaType.WILDCARD)
    public Response media(@RestPath String token, @RestPath String folder, @RestPath String rendition,
            @RestPath String name, @RestHeader("Range") String range) {
        return file(token, folder + "/" + rendition + "/" + name, range);
    }

    private Response file(String token, String path, String range) {
        VideoPlayback.Shared shared = playback.shared(token).orElseThrow(SharedVideoResource::notFound);
        return storage.published(new MediaKey(shared.tenantId(), shared.video().id), path)
                .map(f -> MediaFiles.answer(f, range)).orElseThrow(SharedVideoResource::notFound);
    }

    private static DomainException notFound() {
        return DomainException.notFound("This link does not open a video: it may have been revoked or have expired.");
    }
}
