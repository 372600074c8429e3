package pro.dailydoco.project;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import pro.dailydoco.billing.Limit;
import pro.dailydoco.billing.Usage;

/** What the billing page shows for the limits projects own: projects, and video minutes this month. */
final class ProjectUsage {

    private ProjectUsage() {
    }

    @ApplicationScoped
    static class Projects implements Usage {
        private final ProjectService projects;

        Projects(ProjectService projects) {
            this.projects = projects;
        }

        @Override
        public Limit limit() {
            return Limit.PROJECTS;
        }

        @Override
        public long current(UUID tenantId) {
            return projects.count();
        }
    }

    @ApplicationScoped
    static class VideoMinutes implements Usage {
        private final VideoService videos;

        VideoMinutes(VideoService videos) {
            this.videos = videos;
        }

        @Override
        public Limit limit() {
            return Limit.VIDEO_MINUTES_PER_MONTH;
        }

        @Override
        public long current(UUID tenantId) {
            return videos.minutesThisMonth();
        }
    }
}
