-- Engagement inbox (issue 13): what people say to a character on its channels, and replies to it.

-- a post that answers an inbox item: the remote id it answers and the platform's threading references
alter table content_posts add column reply_to jsonb;

-- one row per thing said to the character, stored once per channel and platform id
create table engagement_items (
    id                      uuid primary key,
    channel_id              uuid          not null,
    character_id            uuid          not null,
    platform                varchar(40)   not null,
    remote_id               varchar(500)  not null,
    kind                    varchar(20)   not null,
    author_id               varchar(500),
    author_handle           varchar(500),
    author_name             varchar(500),
    author_url              varchar(1000),
    text                    text          not null,
    created_at              timestamptz   not null,
    collected_at            timestamptz   not null,
    url                     varchar(1000),
    in_reply_to             varchar(500),
    thread_root             varchar(500),
    thread_key              varchar(500)  not null,
    reply_refs              jsonb         not null default '{}',
    state                   varchar(20)   not null,
    flags                   jsonb         not null default '[]',
    reply_post_id           uuid,
    replied_automatically   boolean       not null default false,
    original_publication_id uuid,
    draft_job_id            uuid,
    unique (channel_id, remote_id)
);
create index engagement_items_state_idx on engagement_items (state, created_at desc);
create index engagement_items_thread_idx on engagement_items (channel_id, thread_key);
create index engagement_items_reply_post_idx on engagement_items (reply_post_id);

-- per channel: whether the inbox is read, auto-approval of replies, and where the poller is
create table engagement_channels (
    channel_id                         uuid primary key,
    enabled                            boolean      not null default true,
    auto_approve_replies               boolean      not null default false,
    max_auto_replies_per_conversation  integer      not null default 3,
    cursor                             text,
    last_polled_at                     timestamptz,
    last_error                         text,
    retry_at                           timestamptz
);

-- the studio's block list: items from these accounts, or with these words, are dismissed when collected
create table engagement_blocklist (
    id        integer primary key check (id = 1),
    accounts  jsonb not null default '[]',
    words     jsonb not null default '[]'
);
insert into engagement_blocklist (id) values (1);
