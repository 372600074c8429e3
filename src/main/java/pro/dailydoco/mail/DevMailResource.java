package pro.dailydoco.mail;

import java.time.Instant;
import java.util.List;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.core.database.Row;

/** Dev mode only: the mails the app sent (and logged), so sign-up and invitation links can be followed locally. */
@Path("/dev/mail")
@Produces(MediaType.TEXT_HTML)
@IfBuildProfile("dev")
public class DevMailResource {

    public record SentMail(String to, String subject, String body, Instant createdAt, Instant sentAt) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mails(List<SentMail> mails);
    }

    private final EntityManager entityManager;

    DevMailResource(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @GET
    @Transactional
    public TemplateInstance list() {
        return Templates.mails(Row.list(entityManager.createNativeQuery("""
                select to_address as to_address, subject as subject, body_text as body_text, created_at as created_at,
                       sent_at as sent_at
                from mail_outbox order by created_at desc limit 50""", Tuple.class))
                .stream().map(row -> new SentMail(row.string("to_address"), row.string("subject"), row.string("body_text"),
                        row.instant("created_at"), row.instant("sent_at"))).toList());
    }
}
