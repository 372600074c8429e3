package pro.dailydoco.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExportArchiveTest {

    private static ExportArchive.Table table(List<Map<String, Object>> rows) {
        return new ExportArchive.Table("t", List.of("name", "amount", "tags"), rows);
    }

    private static Map<String, Object> row(Object name, Object amount, Object tags) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("amount", amount);
        row.put("tags", tags);
        return row;
    }

    @Test
    void csvQuotesSeparatorsAndDisarmsFormulasButNotNegativeNumbers() {
        String csv = ExportArchive.csv(table(List.of(row("a, \"b\"\nc", -500L, List.of("x", "y")),
                row("=HYPERLINK(\"http://x\")", 0L, null), row("@cmd", null, List.of()))));
        assertEquals("name,amount,tags\r\n"
                + "\"a, \"\"b\"\"\nc\",-500,\"[ \"\"x\"\", \"\"y\"\" ]\"\r\n"
                + "\"'=HYPERLINK(\"\"http://x\"\")\",0,\r\n"
                + "'@cmd,,[ ]\r\n", csv);
    }

    @Test
    void aZipPastTheLimitIsRefusedAndOneWithinItHoldsJsonCsvAndManifest() throws IOException {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            many.add(row("person " + i + " " + Integer.toHexString(i * 7919), (long) i, null));
        }
        ExportArchive small = new ExportArchive(10_000);
        assertThrows(ExportArchive.TooLarge.class, () -> {
            small.add(table(many));
            small.finish(Map.of());
        });
        ExportArchive roomy = new ExportArchive(10_000_000);
        roomy.add(table(many));
        Map<String, String> files = DataExportTest.unzip(roomy.finish(Map.of("kind", "test")));
        assertEquals(List.of("manifest.json", "t.csv", "t.json"), List.copyOf(files.keySet()));
        assertEquals(5_001, files.get("t.csv").split("\r\n").length);
        assertTrue(files.get("manifest.json").contains("\"rows\" : 5000"), files.get("manifest.json"));
    }
}
