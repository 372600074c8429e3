package pro.dailydoco.project;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import pro.dailydoco.core.InvalidInput;
import pro.dailydoco.core.Text;

/**
 * What the project and video forms send, checked field by field so each message can sit beside its field. Limits
 * count characters as people do ({@link Text#characters}), never UTF-16 units or bytes
 * (docs/decisions/0090-input-rules.md).
 */
final class ProjectInput {

    static final int MAX_NAME = 120;
    static final int MAX_TEXT = 2000;
    static final int MAX_MINUTES = 1440;

    record ProjectFields(String name, String repositoryUrl, String description) {
    }

    record VideoFields(String title, int durationMinutes, Video.Status status) {
    }

    private ProjectInput() {
    }

    static ProjectFields project(String name, String repositoryUrl, String description) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanName = trim(name);
        if (cleanName.isEmpty()) {
            errors.put("name", "Enter a name for the project.");
        } else if (Text.characters(cleanName) > MAX_NAME) {
            errors.put("name", "Keep the name under " + MAX_NAME + " characters.");
        }
        String url = trim(repositoryUrl);
        if (!url.isEmpty() && !isWebAddress(url)) {
            errors.put("repositoryUrl", "Enter the repository's web address, starting with https:// or http://.");
        }
        String cleanDescription = trim(description);
        if (Text.characters(cleanDescription) > MAX_TEXT) {
            errors.put("description", "Keep the description under " + MAX_TEXT + " characters.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new ProjectFields(cleanName, url.isEmpty() ? null : url, cleanDescription.isEmpty() ? null : cleanDescription);
    }

    static VideoFields video(String title, String durationMinutes, String status) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanTitle = trim(title);
        if (cleanTitle.isEmpty()) {
            errors.put("title", "Enter a title for the video.");
        } else if (Text.characters(cleanTitle) > MAX_NAME) {
            errors.put("title", "Keep the title under " + MAX_NAME + " characters.");
        }
        int minutes = 0;
        try {
            minutes = Integer.parseInt(trim(durationMinutes));
        } catch (NumberFormatException e) {
            minutes = -1;
        }
        if (minutes < 1 || minutes > MAX_MINUTES) {
            errors.put("durationMinutes", "Enter the length in whole minutes, from 1 to " + MAX_MINUTES + ".");
        }
        Video.Status parsed = null;
        try {
            parsed = Video.Status.valueOf(trim(status).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("status", "Choose Draft, Processing or Published.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new VideoFields(cleanTitle, minutes, parsed);
    }

    /** The title of an upload: the same rule as a typed video's. */
    static String uploadTitle(String title) {
        String cleanTitle = trim(title);
        if (cleanTitle.isEmpty()) {
            throw InvalidInput.of("title", "Enter a title for the video.");
        }
        if (Text.characters(cleanTitle) > MAX_NAME) {
            throw InvalidInput.of("title", "Keep the title under " + MAX_NAME + " characters.");
        }
        return cleanTitle;
    }

    /** Chapters ("m:ss Title" a line, times rising) and the transcript of a video. */
    record VideoDetails(String chapters, String transcript) {
    }

    static VideoDetails details(String chapters, String transcript) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanChapters = trim(chapters).replace("\r\n", "\n");
        String cleanTranscript = trim(transcript).replace("\r\n", "\n");
        if (Text.characters(cleanChapters) > MAX_TEXT) {
            errors.put("chapters", "Keep the chapters under " + MAX_TEXT + " characters.");
        } else {
            try {
                Chapters.parse(cleanChapters);
            } catch (IllegalArgumentException e) {
                errors.put("chapters", e.getMessage());
            }
        }
        if (Text.characters(cleanTranscript) > MAX_TEXT) {
            errors.put("transcript", "Keep the transcript under " + MAX_TEXT + " characters.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new VideoDetails(cleanChapters, cleanTranscript);
    }

    /** An absolute http(s) address with a host: no javascript:, file: or relative links end up in a page. */
    static boolean isWebAddress(String value) {
        if (Text.characters(value) > MAX_TEXT) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
