package pro.dailydoco.core.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The body of an answer from a server someone else names (an identity provider's discovery document, a webhook
 * endpoint), read one chunk at a time and never past a limit: a huge or endless body is never read whole. Either the
 * whole body must fit ({@link #atMost}: over the limit fails with {@link TooLarge}) or only its start is kept
 * ({@link #firstBytes}: the rest is not read).
 */
public final class BoundedBody implements BodySubscriber<byte[]> {

    /** The body passed the limit of {@link #atMost}. */
    public static final class TooLarge extends IOException {
        TooLarge(int limit) {
            super("answer over " + limit + " bytes", null);
        }
    }

    private final int limit;
    private final boolean truncate;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private BoundedBody(int limit, boolean truncate) {
        this.limit = limit;
        this.truncate = truncate;
    }

    /** The whole body, which must be at most {@code limit} bytes. */
    public static BoundedBody atMost(int limit) {
        return new BoundedBody(limit, false);
    }

    /** The first {@code limit} bytes of the body; the exchange is cancelled once they are read. */
    public static BoundedBody firstBytes(int limit) {
        return new BoundedBody(limit, true);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> chunk) {
        for (ByteBuffer buffer : chunk) {
            if (!truncate && kept.size() + buffer.remaining() > limit) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge(limit));
                return;
            }
            byte[] bytes = new byte[Math.min(buffer.remaining(), limit - kept.size())];
            buffer.get(bytes);
            kept.writeBytes(bytes);
        }
        if (truncate && kept.size() >= limit) {
            subscription.cancel();
            body.complete(kept.toByteArray());
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        body.complete(kept.toByteArray());
    }

    /** Why a connection to someone else's server failed, in words for an admin's page (Java's names are ours). */
    public static String failureInWords(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "the connection was refused";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "the host name does not resolve";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "the TLS handshake failed";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "it did not answer in time";
            }
        }
        return "the connection failed";
    }
}
