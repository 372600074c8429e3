package pro.dailydoco.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import pro.dailydoco.account.Role;
import pro.dailydoco.security.ResourceRoutes.Endpoint;
import pro.dailydoco.security.ResourceRoutes.Param;
import pro.dailydoco.security.ResourceRoutes.Source;
import pro.dailydoco.support.Accounts;
import pro.dailydoco.support.Browser;
import pro.dailydoco.support.LoggedErrors;
import pro.dailydoco.support.TestTenants;
import pro.dailydoco.tenant.ScopedWork;
import pro.dailydoco.tenant.Tenant;

/**
 * Sends hostile input to every endpoint (found by scanning the resources, so a new one is covered without editing
 * this test), as nobody, as a workspace owner and as the platform operator: broken percent escapes, control
 * characters, invalid UTF-8, huge values, emoji and right-to-left text, script and SQL text, absurd numbers,
 * missing and duplicated fields, wrong content types and hostile cookies. Whatever the answer, it is never a 5xx,
 * never shows a stack trace, and nothing is logged with one (docs/decisions/0090-input-rules.md).
 *
 * <p>Values are sampled per parameter from a seeded {@link Random}, not combined: a failure prints the seed, and
 * {@code -Ddailydoco.fuzz.seed=N} replays that run.
 */
@QuarkusTest
class FuzzTest {

    private static final long SEED = Long.getLong("dailydoco.fuzz.seed", 20261203L);
    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z0-9_]+)(?:\\s*:[^}]*)?}");
    private static final String FORM = "application/x-www-form-urlencoded";
    /** Vert.x refuses a longer request line (414) and may close before a client sending megabytes reads that. */
    private static final int MAX_REQUEST_LINE = 4096;

    /** Text values, percent-encoded as UTF-8 wherever they are placed. */
    private static final List<String> HOSTILE = List.of(
            "%", "%zz", "a%zzb", "\u0000", "a\u0000b", "/etc/passwd\u0000.created", "\u0001\u0007\u001b[31m\u007f",
            "\u0085\u009b", "line\r\nX-Injected: 1", "x".repeat(100_000), "x".repeat(2_000_000), "ש".repeat(3_000),
            "😀".repeat(600), "👨‍👩‍👧‍👦🏳️‍🌈", "שלום עולם", "\u202Egnp.exe", "مرحبا", "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>", "'; DROP TABLE app_user; --", "' OR '1'='1", "{#include layout /}",
            "{{7*7}}${7*7}", "../../../../etc/passwd", "99999999999", "-1", "0", "-2147483649", "2147483648",
            "9223372036854775808", "1e309", "NaN", "0x1F", "1.5", "", " ", "\t", "\uFFFF", "\uFEFF", "\uD800",
            "javascript:alert(1)", "//evil.example/", "00000000-0000-0000-0000-000000000000", "null", "undefined");

    /** Placed as they are: broken escapes and escapes of invalid UTF-8. */
    private static final List<String> RAW_ESCAPES = List.of(
            "%", "%zz", "a%zzb", "%2", "%%", "%C3%28", "%FF%FE", "%E2%82", "%F0%9F", "%ED%A0%80", "%00", "%C0%80");

    /** Raw bytes that are not UTF-8. */
    private static final List<byte[]> INVALID_UTF8 = List.of(
            new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xE2, (byte) 0x82},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {0});

    private static final List<String> WRONG_CONTENT_TYPES = List.of(
            "application/json", "text/plain", "application/xml", "multipart/form-data; boundary=fuzz",
            "multipart/form-data", FORM + "; charset=x-no-such-charset", FORM + "; charset=UTF-16",
            "application/octet-stream", "image/png", "%zz/%zz", "");

    private static final List<String> HOSTILE_COOKIES = List.of(
            "%zz", "%", "%00", "a%zzb", "%C3%28", "x".repeat(4_000), "\"quoted\"", "a=b=c", "deleted", "",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

    enum Attack { VALUE, BROKEN_ESCAPE, INVALID_UTF8, DUPLICATED, MISSING, CONTENT_TYPE, COOKIES, JSON_CLIENT }

    /** What one request will carry; values are already encoded for the wire. */
    static final class Request {
        final String method;
        final Map<String, String> path = new LinkedHashMap<>();
        final List<String[]> query = new ArrayList<>();
        final List<String[]> form = new ArrayList<>();
        final Map<String, String> cookies = new TreeMap<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] rawBody;
        String contentType;
        Attack kind = Attack.VALUE;
        String attack;

        Request(String method) {
            this.method = method;
            this.contentType = method.equals("GET") ? null : FORM;
        }
    }

    @Inject
    ScopedWork scopedWork;

    private final Random random = new Random(SEED);
    private final Map<String, String> apiKeys = new LinkedHashMap<>();
    private RawHttp http;
    private int emails;

    @Test
    void noRouteAnswersHostileInputWithA5xxOrAStackTrace() throws Exception {
        http = new RawHttp("localhost", RestAssured.port);
        Tenant workspace = TestTenants.withPlan("fuzz", "ENTERPRISE");
        Map<String, String> fixtures = new LinkedHashMap<>(CrossTenantSweepTest.fixturesIn(scopedWork, workspace));
        fixtures.put("slug", workspace.slug);
        fixtures.put("tenantId", TestTenants.create("fuzz-other").id.toString());
        fixtures.put("userId", UUID.randomUUID().toString());
        fixtures.put("idHash", "0".repeat(64));
        fixtures.put("code", "FUZZCODE");
        fixtures.put("batchId", "fuzz-batch");

        // The public API's endpoints take a key, not a session: the owner's requests to them carry a key of this
        // workspace with every scope, the operator's one of another workspace (so both the endpoints and the refusals
        // across workspaces meet the hostile input); the anonymous ones carry none.
        apiKeys.put("owner", apiKey(workspace));
        apiKeys.put("operator", apiKey(TestTenants.withPlan("fuzz-api-other", "ENTERPRISE")));

        Browser anonymous = new Browser();
        Browser owner = Accounts.signedInMember(workspace, Role.OWNER);
        Browser operator = Accounts.signedInOperator();
        // Forms of a signed-in page carry the token the fuzz sends with every request, as a browser's would.
        owner.get("/account");
        operator.get("/account");
        Map<String, Browser> principals = new LinkedHashMap<>();
        principals.put("anonymous", anonymous);
        principals.put("owner", owner);
        principals.put("operator", operator);
        // Signing out ends the session it is sent with: that endpoint gets a session of its own each time.
        Supplier<Browser> throwAwaySession = () -> Accounts.signedInMember(workspace, Role.MEMBER);

        List<Endpoint> endpoints = new ArrayList<>(ResourceRoutes.all());
        assertTrue(endpoints.size() >= 60, "the scan found the application's endpoints: " + endpoints.size());
        // Endpoints that remove things run last, so the rest see the workspace whole.
        endpoints.sort((a, b) -> Boolean.compare(removesThings(a), removesThings(b)));

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Long> millis = new TreeMap<>();
        int sent = 0;
        long started = System.nanoTime();
        try (LoggedErrors logged = LoggedErrors.capture()) {
            int turn = 0;
            for (Map.Entry<String, Browser> principal : principals.entrySet()) {
                turn++;
                for (int index = 0; index < endpoints.size(); index++) {
                    Endpoint endpoint = endpoints.get(index);
                    int share = (index + turn) % principals.size();
                    for (Request request : requestsFor(endpoint, fixtures, share, principals.size())) {
                        long requestStarted = System.nanoTime();
                        Browser browser = endpoint.path().endsWith("/logout") && !principal.getKey().equals("anonymous")
                                ? throwAwaySession.get() : principal.getValue();
                        RawHttp.Answer answer;
                        String target = target(endpoint, request);
                        try {
                            if (endpoint.path().startsWith("/api/v1/") && apiKeys.containsKey(principal.getKey())) {
                                request.headers.putIfAbsent("Authorization", "Bearer " + apiKeys.get(principal.getKey()));
                            }
                            answer = send(browser, request, target);
                        } catch (java.io.IOException e) {
                            failures.add(describe(principal.getKey(), endpoint, request, target) + " -> no answer: " + e);
                            continue;
                        }
                        sent++;
                        statuses.merge(answer.status(), 1, Integer::sum);
                        millis.merge(request.kind.name(), (System.nanoTime() - requestStarted) / 1_000_000L, Long::sum);
                        List<String> problems = new ArrayList<>();
                        if (answer.status() == RawHttp.CLOSED && target.length() <= MAX_REQUEST_LINE) {
                            problems.add("closed without an answer");
                        }
                        if (answer.status() >= 500) {
                            problems.add(String.valueOf(answer.status()));
                        }
                        if (showsStackTrace(answer.body())) {
                            problems.add("stack trace in the body");
                        }
                        List<String> log = logged.drain();
                        if (!log.isEmpty()) {
                            problems.add("logged " + log.get(0));
                        }
                        if (!problems.isEmpty()) {
                            failures.add(describe(principal.getKey(), endpoint, request, target) + " -> " + problems);
                        }
                    }
                }
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        Log.infof("Fuzz (seed %d): %d requests to %d endpoints in %d s; statuses %s; ms by attack %s; %d failures",
                SEED, sent, endpoints.size(), seconds, statuses, millis, failures.size());
        assertEquals(List.of(), failures.size() > 80 ? failures.subList(0, 80) : failures,
                failures.size() + " hostile requests failed (seed " + SEED + ")");
    }

    /** A live API key of {@code tenant} with every scope, stored as the keys page stores one. */
    private String apiKey(Tenant tenant) {
        String prefix = java.util.HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(8).putLong(random.nextLong()).array())
                .substring(0, 12);
        String key = "ddk_live_" + prefix + "_" + pro.dailydoco.account.Tokens.newToken();
        scopedWork.run(tenant.id, null, () -> {
            pro.dailydoco.api.ApiKey row = new pro.dailydoco.api.ApiKey();
            row.id = UUID.randomUUID();
            row.name = "Fuzz";
            row.prefix = prefix;
            row.secretHash = pro.dailydoco.account.Tokens.sha256(key);
            row.scopes = new String[] {"READ", "REFERRALS", "WRITE"};
            row.createdAt = java.time.Instant.now();
            row.persist();
        });
        return key;
    }

    // --- building requests --------------------------------------------------------------------------------

    /**
     * A hostile value for each parameter, and a share of the other attacks: principal {@code share} of {@code shares}
     * gets every {@code shares}-th attack, so that across the principals each endpoint meets every attack once.
     */
    private List<Request> requestsFor(Endpoint endpoint, Map<String, String> fixtures, int share, int shares) {
        List<Request> requests = new ArrayList<>();
        List<Param> targets = endpoint.params().stream()
                .filter(p -> p.source() != Source.HEADER || !p.name().equals("Stripe-Signature")).toList();
        for (Param param : targets) {
            Request request = plausible(endpoint, fixtures);
            String value = pick(HOSTILE);
            place(request, param, encode(value));
            request.attack = "value of " + param.name() + " = " + shorten(value);
            requests.add(request);
        }
        if (targets.isEmpty()) {
            Request request = plausible(endpoint, fixtures);
            String value = pick(HOSTILE);
            request.query.add(new String[] {"q", encode(value)});
            request.attack = "value of an unknown query parameter = " + shorten(value);
            requests.add(request);
        }
        boolean takesBody = !endpoint.httpMethod().equals("GET");
        for (Attack attack : Attack.values()) {
            if (attack.ordinal() % shares != share) {
                continue;
            }
            if (attack == Attack.VALUE
                    || !takesBody && (attack == Attack.INVALID_UTF8 || attack == Attack.MISSING || attack == Attack.CONTENT_TYPE)) {
                continue;
            }
            requests.add(attack(attack, endpoint, fixtures));
        }
        return requests;
    }

    private Request attack(Attack attack, Endpoint endpoint, Map<String, String> fixtures) {
        Request request = plausible(endpoint, fixtures);
        request.kind = attack;
        List<Param> fields = endpoint.params().stream()
                .filter(p -> p.source() == Source.FORM || p.source() == Source.QUERY || p.source() == Source.PATH).toList();
        switch (attack) {
            case BROKEN_ESCAPE -> {
                String raw = pick(RAW_ESCAPES);
                if (fields.isEmpty()) {
                    (request.method.equals("GET") ? request.query : request.form).add(new String[] {"x", raw});
                } else {
                    place(request, fields.get(random.nextInt(fields.size())), raw);
                }
                if (random.nextBoolean() && !request.method.equals("GET")) {
                    request.form.add(new String[] {raw, "1"}); // a broken escape in a field's name
                }
                request.attack = "broken escape " + raw;
            }
            case INVALID_UTF8 -> {
                byte[] bad = INVALID_UTF8.get(random.nextInt(INVALID_UTF8.size()));
                byte[] form = body(request).getBytes(StandardCharsets.US_ASCII);
                String field = endpoint.params(Source.FORM).isEmpty() ? "x" : endpoint.params(Source.FORM).get(0).name();
                byte[] prefix = ((form.length == 0 ? "" : "&") + field + "=a").getBytes(StandardCharsets.US_ASCII);
                byte[] all = new byte[form.length + prefix.length + bad.length];
                System.arraycopy(form, 0, all, 0, form.length);
                System.arraycopy(prefix, 0, all, form.length, prefix.length);
                System.arraycopy(bad, 0, all, form.length + prefix.length, bad.length);
                request.rawBody = all;
                request.attack = "invalid UTF-8 bytes in " + field;
            }
            case DUPLICATED -> {
                List<String[]> list = request.method.equals("GET") ? request.query : request.form;
                List<String[]> copies = new ArrayList<>();
                for (String[] pair : list) {
                    copies.add(new String[] {pair[0], encode(pick(HOSTILE.subList(0, 20)))});
                }
                if (copies.isEmpty()) {
                    copies.add(new String[] {"x", "1"});
                    copies.add(new String[] {"x", "2"});
                }
                list.addAll(copies);
                request.attack = "every field twice";
            }
            case MISSING -> {
                request.form.clear();
                request.query.clear();
                request.attack = "no fields";
            }
            case CONTENT_TYPE -> {
                String type = pick(WRONG_CONTENT_TYPES);
                request.contentType = type.isEmpty() ? null : type;
                if (type.equals("application/json")) {
                    request.rawBody = "{\"name\":\"\\u0000\",\"page\":99999999999,\"a\":[{}]}".getBytes(StandardCharsets.UTF_8);
                } else if (type.startsWith("multipart")) {
                    request.rawBody = ("--fuzz\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n%zz\u0000\r\n--fuzz--\r\n")
                            .getBytes(StandardCharsets.UTF_8);
                } else if (type.contains("UTF-16")) {
                    request.rawBody = body(request).getBytes(StandardCharsets.UTF_16);
                }
                request.attack = "content type " + (type.isEmpty() ? "(none)" : type);
            }
            case COOKIES -> {
                for (String name : List.of("dd_flash", "dd_csrf", "dd_session", "dd_ref")) {
                    if (random.nextInt(3) > 0) {
                        request.cookies.put(name, pick(HOSTILE_COOKIES));
                    }
                }
                request.cookies.putIfAbsent("dd_flash", pick(HOSTILE_COOKIES));
                request.attack = "cookies " + shorten(request.cookies.toString());
            }
            case JSON_CLIENT -> {
                request.headers.put("Accept", "application/json");
                request.headers.put("HX-Request", "true");
                if (!fields.isEmpty()) {
                    place(request, fields.get(random.nextInt(fields.size())), pick(RAW_ESCAPES));
                }
                request.attack = "a JSON and htmx client with a broken escape";
            }
            default -> throw new IllegalStateException(attack.name());
        }
        return request;
    }

    /** A request carrying acceptable values for every parameter. */
    private Request plausible(Endpoint endpoint, Map<String, String> fixtures) {
        Request request = new Request(endpoint.httpMethod());
        for (Param param : endpoint.params()) {
            switch (param.source()) {
                case PATH -> request.path.put(param.name(), pathValue(param, fixtures));
                case QUERY -> request.query.add(new String[] {param.name(), encode(plausibleValue(endpoint, param))});
                case FORM -> request.form.add(new String[] {param.name(), encode(plausibleValue(endpoint, param))});
                default -> {
                }
            }
        }
        return request;
    }

    private static String pathValue(Param param, Map<String, String> fixtures) {
        String value = fixtures.get(param.name());
        return value != null ? value : param.type() == UUID.class ? UUID.randomUUID().toString() : "fuzz";
    }

    /**
     * A value the form would accept. Fields of endpoints that change what every other test shares (publishing the
     * commission plan, running a payout batch) get an empty value, so that only invalid requests reach them.
     */
    private String plausibleValue(Endpoint endpoint, Param param) {
        if (endpoint.path().startsWith("/operator/referrals/plan") || endpoint.path().startsWith("/operator/payouts/run")) {
            return "";
        }
        String name = param.name().toLowerCase();
        if (param.type() == Integer.class || param.type() == int.class) {
            return "1";
        }
        if (param.type() == UUID.class) {
            return UUID.randomUUID().toString();
        }
        if (name.contains("email")) {
            return "fuzz-" + (++emails) + "-" + SEED + "@example.test";
        }
        if (name.contains("password")) {
            return "not the password 1";
        }
        return switch (name) {
            case "role", "defaultrole" -> "MEMBER";
            case "plan" -> "PRO";
            case "status" -> "DRAFT";
            case "durationminutes", "months" -> "5";
            case "issuer" -> "http://127.0.0.1:9/";
            case "repositoryurl" -> "https://example.test/repo";
            case "next" -> "/";
            case "month", "to" -> "2026-11";
            default -> "fuzz value";
        };
    }

    private static void place(Request request, Param param, String encoded) {
        switch (param.source()) {
            case PATH -> request.path.put(param.name(), encoded.replace("+", "%20"));
            case QUERY -> replace(request.query, param.name(), encoded);
            case FORM -> replace(request.form, param.name(), encoded);
            case COOKIE -> request.cookies.put(param.name(), encoded);
            case HEADER -> request.headers.put(param.name(), encoded);
        }
    }

    private static void replace(List<String[]> pairs, String name, String value) {
        pairs.removeIf(p -> p[0].equals(name));
        pairs.add(new String[] {name, value});
    }

    // --- sending ------------------------------------------------------------------------------------------

    private RawHttp.Answer send(Browser browser, Request request, String target) throws java.io.IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Forwarded-For", browser.address());
        headers.put("Accept", "text/html");
        headers.put("X-CSRF-Token", browser.csrfToken());
        headers.putAll(request.headers);
        Map<String, String> cookies = new TreeMap<>();
        for (String name : List.of("dd_session", "dd_csrf")) {
            if (browser.cookie(name) != null) {
                cookies.put(name, browser.cookie(name));
            }
        }
        cookies.putAll(request.cookies);
        if (!cookies.isEmpty()) {
            StringBuilder header = new StringBuilder();
            cookies.forEach((k, v) -> header.append(header.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            headers.put("Cookie", header.toString());
        }
        byte[] body = null;
        if (!request.method.equals("GET")) {
            if (request.contentType != null) {
                headers.put("Content-Type", request.contentType);
            }
            body = request.rawBody != null ? request.rawBody : body(request).getBytes(StandardCharsets.US_ASCII);
        }
        return http.send(request.method, target, headers, body);
    }

    private static String target(Endpoint endpoint, Request request) {
        Matcher matcher = PARAM.matcher(endpoint.path());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(request.path.getOrDefault(matcher.group(1), "x")));
        }
        matcher.appendTail(path);
        if (!request.query.isEmpty()) {
            path.append('?').append(join(request.query));
        }
        return path.toString();
    }

    private static String body(Request request) {
        return join(request.form);
    }

    private static String join(List<String[]> pairs) {
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            out.append(out.length() == 0 ? "" : "&").append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    // --- judging ------------------------------------------------------------------------------------------

    static boolean showsStackTrace(String body) {
        return body.contains("Exception") || body.contains("\tat ") || body.contains(".java:") || body.contains("Caused by");
    }

    private static boolean removesThings(Endpoint endpoint) {
        String path = endpoint.path();
        return path.endsWith("/remove") || path.endsWith("/revoke") || path.endsWith("/delete")
                || path.endsWith("/transfer-ownership") || path.endsWith("/suspend");
    }

    private static String describe(String principal, Endpoint endpoint, Request request, String target) {
        return principal + " " + endpoint.httpMethod() + " " + shorten(target) + " [" + request.attack + "] ("
                + endpoint.declaredIn() + ")";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String shorten(String value) {
        String visible = value.replace("\u0000", "\\0");
        return visible.length() > 60 ? visible.substring(0, 60) + "…(" + visible.length() + ")" : visible;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
