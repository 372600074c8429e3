package pro.dailydoco.bench.bare;

import java.util.List;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The least a server-rendered page on this stack costs: one transaction, the 20 newest rows of an owner (an index
 * range scan) and how many rows that owner has (an index-only count), rendered into a Qute layout with a table and an
 * inline SVG chart. Every page of the app is measured as a ratio to this one in the same run (bench/README.md).
 */
@Path("/")
public class BarePageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(int owner, List<BareEntry> rows, long count, long maxAmount);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance page(@RestQuery Integer owner) {
        int id = owner == null ? 0 : Math.floorMod(owner, 1000);
        List<BareEntry> rows = BareEntry.find("ownerId", Sort.descending("createdAt"), id).page(0, 20).list();
        long count = BareEntry.count("ownerId", id);
        long max = rows.stream().mapToLong(r -> r.amountMinor).max().orElse(1);
        return Templates.page(id, rows, count, Math.max(max, 1));
    }
}
