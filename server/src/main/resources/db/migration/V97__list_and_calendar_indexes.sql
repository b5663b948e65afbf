-- The posts list orders and filters by the post's time (scheduled, else last change); the calendar of one
-- channel reads its publications by due time. Measured by ApiLoadBenchmark (docs/benchmarks.md).
create index content_posts_time_idx on content_posts ((coalesce(scheduled_at, updated_at)) desc);
create index content_posts_character_time_idx on content_posts (character_id, (coalesce(scheduled_at, updated_at)) desc);
create index content_posts_state_time_idx on content_posts (state, (coalesce(scheduled_at, updated_at)) desc);
create index publishing_publications_channel_due_idx on publishing_publications (channel_id, due_at);
