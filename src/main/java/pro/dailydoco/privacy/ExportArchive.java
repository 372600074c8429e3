package pro.dailydoco.privacy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The zip of an export: for each table one {@code name.json} (an array of objects) and one {@code name.csv} (a header
 * row, then one row per record), plus {@code manifest.json}. Written in memory and refused past a maximum size, so
 * a huge workspace fails with a message instead of exhausting the instance.
 */
final class ExportArchive {

    /** The zip grew past the configured maximum. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("The export is larger than " + limit / (1024 * 1024) + " MB", null, false, false);
        }
    }

    /** One table's rows, each a map from column name to a JSON-ready value (text, number, boolean, list, null). */
    record Table(String name, List<String> columns, List<Map<String, Object>> rows) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipOutputStream zip;
    private final List<Map<String, Object>> contents = new ArrayList<>();

    ExportArchive(long maxBytes) {
        this.zip = new ZipOutputStream(new Bounded(bytes, maxBytes), StandardCharsets.UTF_8);
    }

    void add(Table table) {
        entry(table.name() + ".json", json(table.rows()));
        entry(table.name() + ".csv", csv(table));
        Map<String, Object> listed = new LinkedHashMap<>();
        listed.put("table", table.name());
        listed.put("rows", table.rows().size());
        contents.add(listed);
    }

    /** Writes the manifest and closes the zip; returns its bytes. */
    byte[] finish(Map<String, Object> about) {
        Map<String, Object> manifest = new LinkedHashMap<>(about);
        manifest.put("files", "each table as <table>.json and <table>.csv (UTF-8, RFC 4180)");
        manifest.put("tables", contents);
        entry("manifest.json", json(manifest));
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void entry(String name, String text) {
        try {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An export value could not be written as JSON", e);
        }
    }

    static String csv(Table table) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", table.columns().stream().map(ExportArchive::cell).toList())).append("\r\n");
        for (Map<String, Object> row : table.rows()) {
            List<String> cells = new ArrayList<>();
            for (String column : table.columns()) {
                Object value = row.get(column);
                cells.add(value == null ? "" : value instanceof List<?> ? cell(json(value)) : cell(value));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    /**
     * One CSV cell: quoted when it holds a separator, quote or line break; text that a spreadsheet would run as a
     * formula (=, +, -, @ first) gets a leading apostrophe, since a person's export may hold anyone's text.
     */
    static String cell(Object value) {
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** Counts what the zip writes and refuses the byte that would pass the maximum. */
    private static final class Bounded extends OutputStream {
        private final OutputStream out;
        private final long max;
        private long written;

        Bounded(OutputStream out, long max) {
            this.out = out;
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            grow(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            grow(len);
            out.write(b, off, len);
        }

        private void grow(long by) {
            written += by;
            if (written > max) {
                throw new TooLarge(max);
            }
        }
    }
}
