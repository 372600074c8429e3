package pro.dailydoco.core.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

/** Paths of the front-end assets served from webjars on this server (never a CDN). */
@ApplicationScoped
public class Assets {

    private final String htmxScript;
    private final String hlsScript;

    Assets() {
        this.htmxScript = "/webjars/htmx.org/" + webjarVersion("org.webjars.npm", "htmx.org") + "/dist/htmx.min.js";
        this.hlsScript = "/webjars/hls.js/" + webjarVersion("org.webjars.npm", "hls.js") + "/dist/hls.light.min.js";
    }

    public String htmxScript() {
        return htmxScript;
    }

    /** hls.js (light build: no subtitles or alternate audio, which our renditions don't have), for video pages. */
    public String hlsScript() {
        return hlsScript;
    }

    /** The version Maven resolved, read from the webjar itself so the pom stays the only place it is written. */
    static String webjarVersion(String groupId, String artifactId) {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Webjar " + groupId + ":" + artifactId + " is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
