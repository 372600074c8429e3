package pro.dailydoco.core.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/** Which requests htmx sent, read from the headers it adds. */
class RequestsTest {

    private static final Map<String, String> PLAIN = Map.of();
    private static final Map<String, String> HTMX = Map.of("HX-Request", "true");
    private static final Map<String, String> HISTORY_RESTORE = Map.of("HX-Request", "true",
            "HX-History-Restore-Request", "true");

    @Test
    void aPartOfAPageIsAskedForByHtmxButNotByAHistoryRestore() {
        assertTrue(Requests.isHtmx(headers(HttpHeaders.class, HTMX)));
        assertFalse(Requests.isHtmx(headers(HttpHeaders.class, HISTORY_RESTORE)), "a history restore wants the whole page");
        assertFalse(Requests.isHtmx(headers(HttpHeaders.class, PLAIN)));
    }

    @Test
    void everyRequestHtmxSendsCountsAsSentByHtmx() {
        assertTrue(Requests.sentByHtmx(headers(ContainerRequestContext.class, HTMX)));
        assertTrue(Requests.sentByHtmx(headers(ContainerRequestContext.class, HISTORY_RESTORE)),
                "htmx follows HX-Redirect on a history restore too");
        assertFalse(Requests.sentByHtmx(headers(ContainerRequestContext.class, PLAIN)));
    }

    @Test
    void aFragmentIsAnHtmxRequestForThatTarget() {
        HttpHeaders toCounters = headers(HttpHeaders.class, Map.of("HX-Request", "true", "HX-Target", "counters"));
        assertTrue(Requests.isFragment(toCounters, "counters"));
        assertFalse(Requests.isFragment(toCounters, "history"));
    }

    /** Only the request headers: every other method of the interface is out of these tests' reach. */
    private static <T> T headers(Class<T> type, Map<String, String> headers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (method.getName().equals("getHeaderString")) {
                return headers.get((String) args[0]);
            }
            throw new UnsupportedOperationException(method.getName());
        }));
    }
}
