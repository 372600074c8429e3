package pro.dailydoco.tenant;

import java.util.Set;

import io.quarkus.logging.Log;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import pro.dailydoco.core.web.ReadOnlyPage;

/**
 * One transaction per page (docs/decisions/0151-one-transaction-per-page.md): a GET or HEAD begins its transaction
 * before the who-is-asking look-up, every {@code @Transactional} service the page calls joins it, and it ends when the
 * response has been rendered, before a byte is sent: committed for a success or a redirect, rolled back for an error
 * (a 4xx or 5xx keeps nothing, like a service transaction that threw). State-changing requests (POST, PUT, PATCH,
 * DELETE) keep one transaction per service call, as do the APIs with transaction rules of their own (Stripe's
 * webhook, SCIM, the public API, whose rate limits commit their own transactions before the endpoint runs), jobs and
 * start-up work.
 */
@RequestScoped
public class PageTransaction {

    private static final Set<String> PAGE_METHODS = Set.of("GET", "HEAD");
    private static final Set<String> OWN_TRANSACTION_RULES = Set.of("/webhooks/", "/scim/", "/api/");

    private final TransactionManager transactions;
    private final TenantContext tenantContext;
    private Transaction transaction;
    private boolean readOnly;

    PageTransaction(TransactionManager transactions, TenantContext tenantContext) {
        this.transactions = transactions;
        this.tenantContext = tenantContext;
    }

    /** Whether the page declared it writes nothing; the look-up then makes the transaction read-only. */
    public boolean readOnly() {
        return transaction != null && readOnly;
    }

    void begin(ContainerRequestContext request, ResourceInfo resource) throws Exception {
        String path = request.getUriInfo().getPath();
        if (!PAGE_METHODS.contains(request.getMethod()) || OWN_TRANSACTION_RULES.stream().anyMatch(path::startsWith)) {
            return;
        }
        Transaction leftOver = transactions.getTransaction();
        if (leftOver != null) {
            // A worker thread never carries a transaction into a request; if one did, it belongs to nobody.
            Log.warnf("A transaction was still bound to a request thread (status %d); rolled back", leftOver.getStatus());
            transactions.rollback();
        }
        readOnly = annotated(resource);
        tenantContext.setScopeAwaitsLookup(true);
        transactions.begin();
        transaction = transactions.getTransaction();
    }

    /**
     * Ends the transaction once the page is rendered; a template the rendering step left for later is rendered here
     * first, inside the transaction, so nothing the template reads opens a transaction of its own.
     */
    void end(ContainerResponseContext response) throws Exception {
        if (transaction == null) {
            return;
        }
        if (response.getEntity() instanceof TemplateInstance template) {
            response.setEntity(template.render());
        }
        Transaction ending = transaction;
        transaction = null;
        Transaction bound = transactions.getTransaction();
        if (bound != ending) {
            if (bound != null) {
                transactions.suspend();
            }
            transactions.resume(ending);
        }
        if (response.getStatus() >= 400 || ending.getStatus() != Status.STATUS_ACTIVE) {
            if (response.getStatus() < 400) {
                // A service failed and the page caught it: what the page wrote goes with it, as a failed service's would.
                Log.debugf("A page answered %d with its transaction marked for rollback", response.getStatus());
            }
            transactions.rollback();
        } else {
            transactions.commit();
        }
    }

    /** The last resort when a request ended without its response filters (a broken connection, a failed filter). */
    @PreDestroy
    void rollBackIfStillOpen() {
        if (transaction == null) {
            return;
        }
        try {
            if (transaction.getStatus() == Status.STATUS_ACTIVE || transaction.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                Log.warn("A page's transaction outlived its response; rolled back");
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException e) {
            Log.warn("Could not roll back a page's transaction", e);
        } finally {
            transaction = null;
        }
    }

    private static boolean annotated(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return false;
        }
        return resource.getResourceMethod().isAnnotationPresent(ReadOnlyPage.class)
                || resource.getResourceClass().isAnnotationPresent(ReadOnlyPage.class);
    }
}
