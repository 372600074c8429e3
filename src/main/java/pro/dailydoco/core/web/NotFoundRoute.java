package pro.dailydoco.core.web;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.LaunchMode;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The last route: anything no resource, static file or management endpoint answered gets the same friendly 404
 * as the application's own errors (HTML or problem+json).
 */
@ApplicationScoped
public class NotFoundRoute {

    void register(@Observes Router router, ErrorResponses errors) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            return; // keep Quarkus' dev 404 page, which lists the endpoints
        }
        router.route().last().blockingHandler(ctx -> {
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate(); // the layout reads request-scoped page data
            ErrorResponses.Rendered rendered;
            try {
                rendered = errors.render(404, ExceptionMappers.titleFor(404), ExceptionMappers.detailFor(404), null,
                        ctx.request().getHeader("Accept"));
            } finally {
                requestContext.terminate();
            }
            ctx.response().setStatusCode(404).putHeader("Content-Type", rendered.contentType()).end(rendered.body());
        });
    }
}
