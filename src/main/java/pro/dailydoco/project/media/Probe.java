package pro.dailydoco.project.media;

import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What ffprobe found in an upload, and whether we take it. The container and codecs are read from the file itself,
 * never from its name (docs/decisions/0196-video-processing-jobs.md).
 */
public record Probe(String container, String videoCodec, String audioCodec, int width, int height,
        long durationMillis) {

    /** ffprobe's format names for the containers browsers and screen recorders write. */
    private static final Set<String> CONTAINERS = Set.of("mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm");
    static final Set<String> VIDEO_CODECS = Set.of("h264", "hevc", "vp8", "vp9", "av1", "mpeg4");
    static final Set<String> AUDIO_CODECS = Set.of("aac", "mp3", "opus", "vorbis", "flac", "ac3", "eac3", "pcm_s16le",
            "pcm_s24le", "pcm_f32le", "alac");

    /** The probed file is not one we process; the message says why, for the person who uploaded it. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The file's length in whole seconds, rounded up: what a video's minutes are metered from. */
    public long meteredSeconds() {
        return (durationMillis + 999) / 1000;
    }

    public boolean hasAudio() {
        return audioCodec != null;
    }

    /** Reads ffprobe's JSON ({@code -show_format -show_streams}) and refuses what we don't process. */
    static Probe of(JsonNode json) throws Refused {
        JsonNode format = json.path("format");
        String formatName = format.path("format_name").asText("");
        boolean knownContainer = false;
        for (String name : formatName.split(",")) {
            knownContainer |= CONTAINERS.contains(name.trim());
        }
        if (!knownContainer) {
            throw new Refused("The file is a " + (formatName.isBlank() ? "kind of file" : describe(format))
                    + " we don't process: please upload an MP4, MOV, WebM or MKV video.");
        }
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode stream : json.path("streams")) {
            String type = stream.path("codec_type").asText();
            boolean attachedPicture = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if (video == null && type.equals("video") && !attachedPicture) {
                video = stream;
            } else if (audio == null && type.equals("audio")) {
                audio = stream;
            }
        }
        if (video == null) {
            throw new Refused("The file has no video in it: please upload a screen recording or another video.");
        }
        String videoCodec = video.path("codec_name").asText("unknown");
        if (!VIDEO_CODECS.contains(videoCodec)) {
            throw new Refused("The video is encoded as " + videoCodec.toUpperCase(Locale.ROOT)
                    + ", which we don't process: please upload H.264, HEVC, VP8, VP9, AV1 or MPEG-4 video.");
        }
        String audioCodec = audio == null ? null : audio.path("codec_name").asText("unknown");
        if (audioCodec != null && !AUDIO_CODECS.contains(audioCodec)) {
            throw new Refused("The sound is encoded as " + audioCodec.toUpperCase(Locale.ROOT)
                    + ", which we don't process: please upload AAC, MP3, Opus, Vorbis or uncompressed sound.");
        }
        int width = video.path("width").asInt(0);
        int height = video.path("height").asInt(0);
        if (width < 16 || height < 16) {
            throw new Refused("The video has no picture size we can read.");
        }
        double seconds = format.path("duration").asDouble(video.path("duration").asDouble(0));
        if (!(seconds > 0)) {
            throw new Refused("The video's length cannot be read: it may be cut off. Please upload it again.");
        }
        return new Probe(formatName, videoCodec, audioCodec, width, height, Math.round(seconds * 1000));
    }

    private static String describe(JsonNode format) {
        String longName = format.path("format_long_name").asText("");
        return longName.isBlank() ? format.path("format_name").asText() + " file" : longName + " file";
    }
}
