-- Uploads that were started but never finished are deleted after a while, with their partial files, so they stop
-- counting against the workspace's storage quota (docs/decisions/0213-abandoned-uploads-are-deleted.md).
--
-- The clean-up runs on every instance without a workspace scope; video is row-level secured (FORCEd). This function,
-- run as the owner, deletes at most `batch` uploads still UPLOADING whose last chunk (updated_at) is older than
-- `before`, skipping rows another instance is deleting (or a chunk is confirming), and returns only their ids and
-- workspaces, for the caller to delete their files and record the deletions. It can do nothing else.
create index video_uploading_idx on video (updated_at) where media_state = 'UPLOADING';

create function video_delete_abandoned_uploads(before timestamptz, batch int)
    returns table (video_id uuid, tenant_id uuid, upload_offset bigint, upload_length bigint)
    language sql security definer
    set search_path = public, pg_temp
as $$
    with due as (select id from video
                 where source = 'UPLOAD' and media_state = 'UPLOADING' and updated_at < before
                 order by updated_at limit batch for update skip locked),
         gone as (delete from video v using due where v.id = due.id
                  returning v.id, v.tenant_id, v.upload_offset, v.upload_length)
    select id, tenant_id, upload_offset, upload_length from gone
$$;

-- The owner passes video's FORCEd policies only for unfinished uploads: to find, lock and delete them.
do $$
begin
    execute format('create policy video_owner_abandoned_read on video for select to %I'
                   ' using (source = ''UPLOAD'' and media_state = ''UPLOADING'')', current_user);
    execute format('create policy video_owner_abandoned_lock on video for update to %I'
                   ' using (source = ''UPLOAD'' and media_state = ''UPLOADING'') with check (false)', current_user);
    execute format('create policy video_owner_abandoned_delete on video for delete to %I'
                   ' using (source = ''UPLOAD'' and media_state = ''UPLOADING'')', current_user);
end
$$;

revoke execute on function video_delete_abandoned_uploads(timestamptz, int) from public;
grant execute on function video_delete_abandoned_uploads(timestamptz, int) to ${app_role};
