package pro.dailydoco.tenant;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import pro.dailydoco.core.web.InputRules;

/** Begins and ends a page's one transaction ({@link PageTransaction}). */
public class PageTransactionFilters {

    /** After the input rules, before the look-up (authentication - 100), which is the transaction's first statement. */
    public static final int PRIORITY = InputRules.PRIORITY + 50;

    private final PageTransaction transaction;

    PageTransactionFilters(PageTransaction transaction) {
        this.transaction = transaction;
    }

    @ServerRequestFilter(priority = PRIORITY)
    public void begin(ContainerRequestContext request, ResourceInfo resource) throws Exception {
        transaction.begin(request, resource);
    }

    /** Response filters run from the highest priority to the lowest: this one, at the lowest, runs last. */
    @ServerResponseFilter(priority = Integer.MIN_VALUE)
    public void end(ContainerResponseContext response) throws Exception {
        transaction.end(response);
    }
}
