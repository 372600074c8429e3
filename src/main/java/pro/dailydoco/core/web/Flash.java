package pro.dailydoco.core.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * A one-time message shown on the page after a redirect ("Invitation sent"). It rides in a short-lived cookie, so
 * any instance can show it; the page that shows it clears it.
 */
@Named("flash")
@RequestScoped
public class Flash {

    public static final String COOKIE = "dd_flash";

    private String incoming;
    private String outgoing;
    private boolean incomingDiscarded;

    public void set(String message) {
        this.outgoing = message;
    }

    /** The message to show on this page (read once). */
    public String getMessage() {
        if (outgoing != null) {
            return null;
        }
        return incoming;
    }

    String incoming() {
        return incoming;
    }

    void setIncoming(String incoming) {
        this.incoming = incoming;
    }

    /** The incoming cookie was not one this site wrote; it is cleared. */
    void discardIncoming() {
        this.incomingDiscarded = true;
    }

    boolean incomingDiscarded() {
        return incomingDiscarded;
    }

    String outgoing() {
        return outgoing;
    }
}
