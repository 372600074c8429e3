package pro.dailydoco.mail;

import java.time.Instant;
import java.util.List;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import pro.dailydoco.core.Timestamps;

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
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select to_address, subject, body_text, created_at, sent_at from mail_outbox order by created_at desc limit 50")
                .getResultList();
        return Templates.mails(rows.stream().map(r -> new SentMail((String) r[0], (String) r[1], (String) r[2],
                Timestamps.instant(r[3]), Timestamps.instant(r[4]))).toList());
    }
}
