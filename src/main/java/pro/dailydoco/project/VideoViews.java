package pro.dailydoco.project;

import io.quarkus.qute.TemplateExtension;
import pro.dailydoco.core.web.Formats;

/** How videos read on pages: their length from the media (exact), or as typed. */
@TemplateExtension
final class VideoViews {

    private VideoViews() {
    }

    /** "1 min 2 s" for a processed upload (its metered seconds), "5 min" for a typed video. */
    static String lengthLabel(Video video) {
        if (video.uploaded()) {
            return video.durationMillis == null ? "–" : VideoMetering.length((video.durationMillis + 999) / 1000);
        }
        return Formats.count(video.durationMinutes) + " min";
    }

    /** The state shown in lists: the media's for uploads, the status typed for others. */
    static String stateLabel(Video video) {
        return video.uploaded() && video.mediaState != Video.MediaState.READY ? video.mediaState.label()
                : video.status.label();
    }

    static boolean inProgress(Video video) {
        return video.mediaState != null && !video.mediaState.finished();
    }
}
