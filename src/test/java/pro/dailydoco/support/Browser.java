package pro.dailydoco.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A browser for tests: keeps cookies, reads the CSRF token from the last page like a form would, and comes from its
 * own client address (X-Forwarded-For from the trusted loopback proxy) so that throttling counters never mix
 * between tests.
 */
public class Browser {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    private final Map<String, String> cookies = new HashMap<>();
    private final String address;
    private String csrfToken;

    public Browser() {
        int n = NEXT_ADDRESS.getAndIncrement();
        this.address = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    private Browser(String address) {
        this.address = address;
    }

    /** A fresh browser (no cookies) on this one's client address, as another person behind the same connection. */
    public Browser onSameAddress() {
        return new Browser(address);
    }

    public String address() {
        return address;
    }

    public RequestSpecification request() {
        return given().redirects().follow(false).cookies(cookies).header("X-Forwarded-For", address).accept("text/html");
    }

    /** GET a page (not following redirects), keeping its cookies and CSRF token. */
    public Response get(String path) {
        Response response = request().get(path);
        remember(response);
        return response;
    }

    /** GET a path whose query is already percent-encoded (sent as it is, not encoded again), keeping its cookies. */
    public Response getEncoded(String path) {
        Response response = request().urlEncodingEnabled(false).get(path);
        remember(response);
        return response;
    }

    /** GET a page through a host name of the client's choosing (Host and X-Forwarded-Host), keeping its cookies. */
    public Response getVia(String host, String path) {
        Response response = request().header("Host", host).header("X-Forwarded-Host", host).get(path);
        remember(response);
        return response;
    }

    /** POST a form with the CSRF token of the last page loaded. */
    public Response post(String path, String... fieldsAndValues) {
        ensureToken();
        RequestSpecification spec = request().contentType("application/x-www-form-urlencoded").formParam("_csrf", csrfToken);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            spec = spec.formParam(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        Response response = spec.post(path);
        remember(response);
        return response;
    }

    /** POST without any CSRF token, as a cross-site form would. */
    public Response postWithoutToken(String path, String... fieldsAndValues) {
        RequestSpecification spec = request().contentType("application/x-www-form-urlencoded");
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            spec = spec.formParam(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return spec.post(path);
    }

    /** Follows a 303 once, as a browser would. */
    public Response follow(Response redirect) {
        return get(redirect.getHeader("Location"));
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    /** The names of every cookie this browser holds (it keeps them all, whatever their size or path). */
    public java.util.Set<String> cookieNames() {
        return java.util.Set.copyOf(cookies.keySet());
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    public String csrfToken() {
        ensureToken();
        return csrfToken;
    }

    public static Document html(Response response) {
        return Jsoup.parse(response.asString());
    }

    private void ensureToken() {
        if (csrfToken == null) {
            get("/login");
        }
    }

    private void remember(Response response) {
        response.getDetailedCookies().asList().forEach(c -> {
            if (c.getMaxAge() == 0 || c.getValue().isEmpty()) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
        String type = response.getContentType();
        if (type != null && type.contains("text/html")) {
            Element field = Jsoup.parse(response.asString()).selectFirst("input[name=_csrf]");
            if (field != null) {
                csrfToken = field.attr("value");
            }
        }
    }
}
