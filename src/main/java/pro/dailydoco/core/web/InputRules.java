package pro.dailydoco.core.web;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MultivaluedMap;
import pro.dailydoco.core.DomainException;
import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.Text;

/**
 * The one place where every form field, query parameter and path parameter is checked against the shared text rule
 * ({@link Text#forbiddenCharacter}) before anything else looks at it: before the workspace is looked up, before
 * sign-in, before any resource writes a row. A request with a control character is refused whole with a 400 that
 * names the field, so nothing is half-written (docs/decisions/0090-input-rules.md).
 */
public class InputRules {

    /** Before the workspace is resolved from the path (tenant filter, authentication - 100). */
    public static final int PRIORITY = Priorities.AUTHENTICATION - 200;

    @ServerRequestFilter(priority = PRIORITY)
    @WithFormRead
    public void check(ResteasyReactiveContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getPathParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                // An encoded slash inside one segment (/t/a%2Fb/) is never an address this site makes; unmatched,
                // it would leave a workspace page without its workspace.
                if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
                    throw new DomainException(404, ExceptionMappers.titleFor(404), ExceptionMappers.detailFor(404));
                }
                refuseControl(value, () -> "The address contains a control character (%s), which no page's address "
                        + "holds. Check the link.");
            }
        }
        check(request.getUriInfo().getQueryParameters(), "The address parameter “%s” contains a control character "
                + "(%s), which it can't hold. Remove it and try again.");
        FormData form = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormData();
        if (form != null) {
            for (String name : form) {
                refuseField(name, name, "A field name contains a control character (%2$s). Reload the page and send the form again.");
                for (FormValue value : form.get(name)) {
                    if (!value.isFileItem()) {
                        refuseField(name, value.getValue(), "“%s” contains a control character (%s), which text "
                                + "can't hold. Remove it (it may have come with pasted text) and send the form again.");
                    }
                }
            }
        }
    }

    private static void check(MultivaluedMap<String, String> parameters, String message) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            refuseField(parameter.getKey(), parameter.getKey(), message);
            for (String value : parameter.getValue()) {
                refuseField(parameter.getKey(), value, message);
            }
        }
    }

    private static void refuseField(String field, String value, String message) {
        OptionalInt bad = Text.forbiddenCharacter(value);
        if (bad.isPresent()) {
            throw InvalidInput.of(field, String.format(message, visible(field), Text.codePoint(bad.getAsInt())));
        }
    }

    private static void refuseControl(String value, java.util.function.Supplier<String> message) {
        OptionalInt bad = Text.forbiddenCharacter(value);
        if (bad.isPresent()) {
            throw DomainException.badRequest(String.format(message.get(), Text.codePoint(bad.getAsInt())));
        }
    }

    /** A field name shown in a message, with its own control characters made visible and its length bounded. */
    private static String visible(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(40).forEach(c -> {
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                out.append(Text.codePoint(c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
