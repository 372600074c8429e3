package pro.dailydoco.core.web;

import java.util.Set;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request method the app does not implement (anything but GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS) is answered
 * 501 before any route runs, as RFC 9110 §15.6.2 asks, with the same error page as every other refusal. Before, such a
 * method fell through to the last-route 404, so a page that refuses GET (a suspended workspace's 403) looked as if
 * another verb got past its restriction (docs/decisions/0133-scan-findings-answered.md).
 */
@ApplicationScoped
public class ImplementedMethods {

    static final Set<String> IMPLEMENTED = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    void register(@Observes Router router, ErrorResponses errors) {
        // Right after the HSTS header (Integer.MIN_VALUE), before static files, resources and the last-route 404.
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            if (IMPLEMENTED.contains(ctx.request().method().name())) {
                ctx.next();
                return;
            }
            ctx.vertx().executeBlocking(() -> {
                ManagedContext requestContext = Arc.container().requestContext();
                requestContext.activate(); // the layout reads request-scoped page data
                try {
                    return errors.render(501, "Not implemented", "This site does not answer that kind of request.", null,
                            ctx.request().getHeader("Accept"));
                } finally {
                    requestContext.terminate();
                }
            }, false).onComplete(rendered -> {
                if (rendered.succeeded()) {
                    ctx.response().setStatusCode(501).putHeader("Allow", String.join(", ", IMPLEMENTED.stream().sorted().toList()))
                            .putHeader("Content-Type", rendered.result().contentType()).end(rendered.result().body());
                } else {
                    ctx.response().setStatusCode(501).end();
                }
            });
        });
    }
}
