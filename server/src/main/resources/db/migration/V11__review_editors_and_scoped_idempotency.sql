-- Everyone who wrote or edited the revision under review (content): none of them may approve it.
alter table content_posts add column editors jsonb not null default '[]';
update content_posts set editors = jsonb_build_array(created_by);

-- Idempotency-Key on POST /api/v1/posts belongs to the user who sent it and is forgotten after 24 hours.
alter table content_idempotency_keys drop constraint content_idempotency_keys_pkey;
alter table content_idempotency_keys add column actor varchar(320);
update content_idempotency_keys k set actor = p.created_by from content_posts p where p.id = k.post_id;
update content_idempotency_keys set actor = 'system' where actor is null;
alter table content_idempotency_keys alter column actor set not null;
alter table content_idempotency_keys add primary key (actor, key);
create index content_idempotency_keys_created_idx on content_idempotency_keys (created_at);
