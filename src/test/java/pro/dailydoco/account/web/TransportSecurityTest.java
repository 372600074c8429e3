package pro.dailydoco.account.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * HSTS is sent exactly when the platform's base URL is https: the same routes the app registers, on a real HTTP
 * server (the test profile's base URL is http, so the suite's own app can only show the other half).
 */
class TransportSecurityTest {

    @Test
    void anHttpsBaseUrlTellsBrowsersToUseHttpsOnly() throws Exception {
        assertEquals("max-age=31536000", headerFor("https://dailydoco.example", "/"));
        assertEquals("max-age=31536000", headerFor("https://dailydoco.example", "/no-such-page"));
    }

    @Test
    void anHttpBaseUrlSendsNoHsts() throws Exception {
        assertNull(headerFor("http://localhost:8080", "/"));
    }

    private static String headerFor(String baseUrl, String path) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            new TransportSecurity(baseUrl).register(router);
            router.get("/").handler(ctx -> ctx.response().end("page"));
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.headers().firstValue("Strict-Transport-Security").orElse(null);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
