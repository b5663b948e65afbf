-- Posts and their review (content); channels, publications, attempts, feeds, notifications, webhooks (publishing).

create table content_posts (
    id            uuid primary key,
    character_id  uuid         not null,
    caption       text         not null default '',
    media         jsonb        not null default '[]',
    channel_ids   jsonb        not null default '[]',
    variants      jsonb        not null default '{}',
    state         varchar(20)  not null,
    review        jsonb,
    scheduled_at  timestamptz,
    created_by    varchar(320) not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    version       integer      not null
);
create index content_posts_state_idx on content_posts (state, updated_at desc);
create index content_posts_character_idx on content_posts (character_id);

create table content_idempotency_keys (
    key           varchar(200) primary key,
    request_hash  char(64)     not null,
    post_id       uuid         not null references content_posts (id) on delete cascade,
    created_at    timestamptz  not null
);

create table publishing_channels (
    id                  uuid primary key,
    character_id        uuid         not null,
    platform            varchar(40)  not null,
    name                varchar(200) not null,
    base_url            varchar(500),
    credentials_cipher  text,
    settings            jsonb        not null default '{}',
    auto_approve        boolean      not null default false,
    queue_slots         jsonb        not null default '[]',
    status              varchar(20)  not null default 'OK',
    status_reason       text,
    account             jsonb,
    blocked_until       timestamptz,
    created_at          timestamptz  not null
);
create index publishing_channels_character_idx on publishing_channels (character_id);

create table publishing_publications (
    id               uuid primary key,
    post_id          uuid         not null,
    channel_id       uuid         not null references publishing_channels (id),
    state            varchar(30)  not null,
    due_at           timestamptz  not null,
    idempotency_key  varchar(100) not null,
    remote_id        varchar(500),
    url              varchar(1000),
    error            text,
    handle           jsonb,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    unique (post_id, channel_id)
);
create index publishing_publications_due_idx on publishing_publications (due_at);

create table publishing_attempts (
    id              bigserial primary key,
    publication_id  uuid         not null references publishing_publications (id) on delete cascade,
    number          integer      not null,
    started_at      timestamptz  not null,
    finished_at     timestamptz,
    outcome         varchar(40),
    detail          text
);
create index publishing_attempts_publication_idx on publishing_attempts (publication_id);

create table publishing_feed_items (
    publication_id  uuid primary key,
    character_id    uuid         not null,
    handle          varchar(40)  not null,
    text            text         not null,
    media           jsonb        not null default '[]',
    published_at    timestamptz  not null
);
create index publishing_feed_items_handle_idx on publishing_feed_items (lower(handle), published_at desc);

create table publishing_notifications (
    id          bigserial primary key,
    at          timestamptz  not null,
    kind        varchar(50)  not null,
    message     text         not null,
    post_id     uuid,
    channel_id  uuid,
    read        boolean      not null default false
);

create table publishing_webhooks (
    id             uuid primary key,
    url            varchar(1000) not null,
    secret_cipher  text          not null,
    events         jsonb         not null,
    created_at     timestamptz   not null
);

create table publishing_webhook_deliveries (
    id          uuid primary key,
    webhook_id  uuid         not null references publishing_webhooks (id) on delete cascade,
    event       varchar(50)  not null,
    body        text         not null,
    attempts    integer      not null default 0,
    status      varchar(20)  not null,
    last_error  text,
    created_at  timestamptz  not null
);
