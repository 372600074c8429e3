-- Uploaded videos (docs/decisions/0195-video-storage-and-resumable-upload.md, 0196-video-processing-jobs.md,
-- 0197-video-minutes-metered-from-the-media.md, 0198-private-videos-and-share-links.md).
--
-- A video is either TYPED (the title and length a person entered, as before) or UPLOAD (a file that is probed and
-- processed). metered_seconds / metered_at are what the monthly minutes count: for typed videos their typed minutes
-- in the month they were created (what the limit counted until now), for uploads the probed length rounded up to the
-- second, in the month processing finished.
alter table video
    add column source          text   not null default 'TYPED' check (source in ('TYPED', 'UPLOAD')),
    add column media_state     text   check (media_state in ('UPLOADING', 'QUEUED', 'PROCESSING', 'READY', 'FAILED',
                                                              'REFUSED', 'CANCELLED')),
    add column upload_length   bigint check (upload_length > 0),
    add column upload_offset   bigint not null default 0 check (upload_offset >= 0),
    add column stored_bytes    bigint not null default 0 check (stored_bytes >= 0),
    add column duration_millis bigint check (duration_millis >= 0),
    add column width           int,
    add column height          int,
    add column renditions      text,
    add column thumbnails      int    not null default 0,
    add column media_message   text,
    add column refused_for_plan_limit boolean not null default false,
    add column metered_seconds bigint check (metered_seconds >= 0),
    add column metered_at      timestamptz,
    add column chapters        text   not null default '',
    add column transcript      text   not null default '';
-- An upload's minutes come from the media once processed (0 until then); the typed range stays for typed videos.
alter table video drop constraint video_duration_minutes_check;
alter table video add constraint video_duration_minutes_check
    check (duration_minutes between 1 and 1440 or (source = 'UPLOAD' and duration_minutes >= 0));
update video set metered_seconds = duration_minutes::bigint * 60, metered_at = created_at;
create index video_metered_idx on video (tenant_id, metered_at) where metered_at is not null;

-- The processing queue: platform scope (ids, states and times only, like privacy_export) so that any instance's
-- worker finds due jobs with one query, then works on the video in its workspace's scope.
create table video_job (
    video_id          uuid primary key references video (id) on delete cascade,
    subject_tenant_id uuid        not null references tenant (id) on delete cascade,
    status            text        not null check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'REFUSED',
                                                             'CANCELLED')),
    stage             text,
    progress_percent  int         not null default 0 check (progress_percent between 0 and 100),
    attempts          int         not null default 0,
    next_attempt_at   timestamptz not null,
    lease_until       timestamptz,
    lease_token       uuid,
    cancel_requested  boolean     not null default false,
    failure           text,
    created_at        timestamptz not null,
    finished_at       timestamptz
);
create index video_job_due_idx on video_job (next_attempt_at) where status in ('QUEUED', 'RUNNING');
grant select, insert, update on video_job to ${app_role};

-- Share links: only the SHA-256 of the token is kept. Platform scope because the link is opened by people outside
-- the workspace: the look-up by hash names the workspace, whose scope then reads the video.
create table video_share (
    token_hash        text primary key,
    video_id          uuid        not null references video (id) on delete cascade,
    subject_tenant_id uuid        not null references tenant (id) on delete cascade,
    created_at        timestamptz not null,
    expires_at        timestamptz,
    revoked_at        timestamptz
);
create unique index video_share_live_idx on video_share (video_id) where revoked_at is null;
grant select, insert, update on video_share to ${app_role};
