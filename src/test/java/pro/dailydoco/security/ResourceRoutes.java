package pro.dailydoco.security;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * Every JAX-RS endpoint of the application, found by scanning the compiled resources, with the parameters it reads.
 * Security sweeps use it so that a new endpoint is covered without editing them.
 */
final class ResourceRoutes {

    enum Source { PATH, QUERY, FORM, COOKIE, HEADER }

    record Param(Source source, String name, Class<?> type) {
    }

    /** {@code signedBySender}: marked {@code Access.SignedBySender} (another system calls it; no cookie authorises it). */
    record Endpoint(String httpMethod, String path, List<Param> params, String declaredIn, boolean signedBySender) {

        List<Param> params(Source source) {
            return params.stream().filter(p -> p.source() == source).toList();
        }

        @Override
        public String toString() {
            return httpMethod + " " + path + " (" + declaredIn + ")";
        }
    }

    private ResourceRoutes() {
    }

    /** Every endpoint, sorted by path then method so that a seeded run visits them in the same order. */
    static List<Endpoint> all() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target/classes");
        List<Endpoint> endpoints = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ResourceRoutes.class.getClassLoader());
                jakarta.ws.rs.Path classPath = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (classPath == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String http = httpMethod(method);
                    if (http == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                    String full = join(classPath.value(), methodPath == null ? "" : methodPath.value());
                    boolean signedBySender = type.isAnnotationPresent(pro.dailydoco.account.web.Access.SignedBySender.class)
                            || method.isAnnotationPresent(pro.dailydoco.account.web.Access.SignedBySender.class);
                    endpoints.add(new Endpoint(http, full, params(method), type.getSimpleName() + "." + method.getName(),
                            signedBySender));
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::httpMethod));
        return endpoints;
    }

    /** The endpoints under a workspace's address, {@code /t/{slug}/…}. */
    static List<Endpoint> workspaceEndpoints() throws IOException, ClassNotFoundException {
        return all().stream().filter(e -> e.path().startsWith("/t/{slug}")).toList();
    }

    private static List<Param> params(Method method) {
        List<Param> params = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            for (Annotation annotation : parameter.getAnnotations()) {
                Param param = param(annotation, parameter);
                if (param != null) {
                    params.add(param);
                }
            }
        }
        return params;
    }

    private static Param param(Annotation a, Parameter p) {
        Class<?> type = p.getType();
        if (a instanceof RestPath r) {
            return new Param(Source.PATH, named(r.value(), p), type);
        } else if (a instanceof PathParam r) {
            return new Param(Source.PATH, r.value(), type);
        } else if (a instanceof RestQuery r) {
            return new Param(Source.QUERY, named(r.value(), p), type);
        } else if (a instanceof QueryParam r) {
            return new Param(Source.QUERY, r.value(), type);
        } else if (a instanceof RestForm r) {
            return new Param(Source.FORM, named(r.value(), p), type);
        } else if (a instanceof FormParam r) {
            return new Param(Source.FORM, r.value(), type);
        } else if (a instanceof RestCookie r) {
            return new Param(Source.COOKIE, named(r.value(), p), type);
        } else if (a instanceof CookieParam r) {
            return new Param(Source.COOKIE, r.value(), type);
        } else if (a instanceof RestHeader r) {
            return new Param(Source.HEADER, named(r.value(), p), type);
        } else if (a instanceof HeaderParam r) {
            return new Param(Source.HEADER, r.value(), type);
        }
        return null;
    }

    private static String named(String value, Parameter parameter) {
        return value == null || value.isEmpty() ? parameter.getName() : value;
    }

    private static String httpMethod(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        if (method.isAnnotationPresent(PATCH.class)) {
            return "PATCH";
        }
        return null;
    }

    private static String join(String a, String b) {
        String left = a.startsWith("/") ? a : "/" + a;
        String right = b.isEmpty() || b.equals("/") ? "/" : (b.startsWith("/") ? b : "/" + b);
        return (left.endsWith("/") ? left.substring(0, left.length() - 1) : left) + right;
    }
}
