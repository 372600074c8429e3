package pro.dailydoco.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The answer for a workspace the request may not see is one text, whichever of the reasons applies. */
class WorkspaceNotFoundTest {

    @Test
    void answersNotFoundWithoutNamingTheWorkspace() {
        WorkspaceNotFound answer = new WorkspaceNotFound();
        assertEquals(404, answer.status());
        assertEquals("Workspace not found", answer.title());
        assertEquals("There is no workspace at this address. Check the link, or ask the person who sent it.",
                answer.detail());
    }
}
