package pro.dailydoco.project;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A video's chapters as the author writes them, one a line: {@code 1:05 Setting up} or {@code 1:02:03 Wrap-up}. */
public record Chapters(List<Chapter> list) {

    /** One chapter: where it starts (seconds) and its title. */
    public record Chapter(int seconds, String title) {
        /** The start as the author wrote it, normalised: {@code 1:05}, {@code 1:02:03}. */
        public String at() {
            int h = seconds / 3600;
            int m = seconds % 3600 / 60;
            int s = seconds % 60;
            return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
        }
    }

    private static final Pattern LINE = Pattern.compile("(?:(\\d{1,2}):)?(\\d{1,2}):(\\d{2})\\s+(\\S.{0,119})");

    /** @throws IllegalArgumentException naming the first line that is not a chapter, or times that go back */
    public static Chapters parse(String text) {
        List<Chapter> chapters = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("\n")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches() || Integer.parseInt(m.group(3)) > 59
                    || m.group(1) != null && Integer.parseInt(m.group(2)) > 59) {
                throw new IllegalArgumentException("Line " + number + " is not a chapter: write a time and a title, "
                        + "like “1:05 Setting up”.");
            }
            int seconds = (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)) * 3600)
                    + Integer.parseInt(m.group(2)) * 60 + Integer.parseInt(m.group(3));
            if (!chapters.isEmpty() && seconds <= chapters.get(chapters.size() - 1).seconds()) {
                throw new IllegalArgumentException("Line " + number + " starts before the chapter above it: list "
                        + "chapters in order.");
            }
            chapters.add(new Chapter(seconds, m.group(4).strip()));
        }
        return new Chapters(List.copyOf(chapters));
    }
}
