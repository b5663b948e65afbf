-- A post made from a caption job keeps the link and the lorebook entries the job used ("lore used" in review);
-- continuity holds the last continuity check of its caption (null: not checked yet).
alter table content_posts add column caption_job_id uuid;
alter table content_posts add column lore_used jsonb not null default '[]'::jsonb;
alter table content_posts add column continuity jsonb;
