package pro.dailydoco.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import pro.dailydoco.project.Project;
import pro.dailydoco.project.ProjectService;
import pro.dailydoco.support.TwoNodes;
import pro.dailydoco.tenant.ScopedWork;

/**
 * Every node runs the webhook sender. Two at once over a queue longer than a batch deliver each event to the endpoint
 * exactly once: a batch is claimed with SKIP LOCKED and leased before anything is posted.
 */
@QuarkusTest
class WebhooksOnTwoInstancesTest {

    private static final int CHANGES = 45;

    @Inject
    WebhookSender sender;

    @Inject
    ProjectService projects;

    @Inject
    ScopedWork scopedWork;

    @Test
    void twoSendersRacingOverOneQueueDeliverEveryEventOnce() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            OutgoingWebhooksTest.Owner owner = OutgoingWebhooksTest.signUp("wh-two-nodes");
            String[] endpoint = OutgoingWebhooksTest.register(owner.browser(), owner.page(), receiver.url(),
                    "project.created", "project.updated");
            receiver.accept(endpoint[1]);
            Project project = scopedWork.call(owner.tenant().id, owner.userId(),
                    () -> projects.create(owner.tenant().id, owner.userId(), "Racing", null, null));
            for (int i = 1; i < CHANGES; i++) {
                String name = "Racing " + i;
                scopedWork.call(owner.tenant().id, owner.userId(),
                        () -> projects.update(owner.tenant().id, owner.userId(), project.id, name, null, null));
            }

            TwoNodes.runAtOnce(sender::sendDueNow);

            List<WebhookReceiver.Received> got = receiver.received();
            Map<String, Long> perEvent = got.stream().collect(Collectors.groupingBy(
                    r -> r.event().path("id").asText(), Collectors.counting()));
            assertEquals(CHANGES, perEvent.size(), "every change announced");
            assertEquals(Map.of(), perEvent.entrySet().stream().filter(e -> e.getValue() != 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "no event posted twice");
            assertEquals(CHANGES, receiver.accepted().size());
            assertEquals(0, sender.sendDueNow(), "nothing left due");
        }
    }

}
