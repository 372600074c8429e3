package pro.dailydoco.api;

import java.util.Set;

/** The public description of the API: served to anyone, without a key, and never counted or limited. */
public final class ApiDescriptionPaths {

    public static final String OPENAPI = "/api/v1/openapi.json";
    public static final String DOCS = "/api/v1/docs";
    private static final Set<String> PUBLIC = Set.of(OPENAPI, DOCS);

    private ApiDescriptionPaths() {
    }

    static boolean isPublic(String path) {
        return PUBLIC.contains(path);
    }
}
