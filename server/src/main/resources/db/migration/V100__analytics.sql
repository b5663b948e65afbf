-- Analytics (issue 12). Samples are compact time series: one row per (publication or channel, sampled_at) with the
-- platform's own metric names in a small jsonb object. analytics_publications is the read model the lists, the
-- channel chart and the best-time model read: one row per published publication with its latest numbers.

create table analytics_publications (
    publication_id  uuid primary key,
    post_id         uuid          not null,
    channel_id      uuid          not null,
    character_id    uuid          not null,
    platform        varchar(40)   not null,
    remote_id       varchar(500)  not null,
    url             varchar(1000),
    published_at    timestamptz   not null,
    excerpt         varchar(300)  not null default '',
    thumbnail_id    uuid,
    sampled_at      timestamptz,
    metrics         jsonb         not null default '{}',
    -- the common set, mapped from metrics by the platform's descriptor when sampled (null: not reported)
    reactions       bigint,
    shares          bigint,
    comments        bigint,
    views           bigint,
    engagement      bigint        not null default 0
);
create index analytics_publications_channel_idx on analytics_publications (channel_id, published_at);
create index analytics_publications_character_idx on analytics_publications (character_id, published_at);

create table analytics_publication_samples (
    publication_id  uuid          not null,
    sampled_at      timestamptz   not null,
    metrics         jsonb         not null,
    primary key (publication_id, sampled_at)
);
create index analytics_publication_samples_at_idx on analytics_publication_samples (sampled_at);

create table analytics_account_samples (
    channel_id  uuid          not null,
    sampled_at  timestamptz   not null,
    metrics     jsonb         not null,
    primary key (channel_id, sampled_at)
);
create index analytics_account_samples_at_idx on analytics_account_samples (sampled_at);

-- what the collection page shows per channel
create table analytics_collection (
    channel_id      uuid primary key,
    last_run_at     timestamptz,
    next_run_at     timestamptz,
    last_account_at timestamptz,
    last_error      text,
    deferred_until  timestamptz
);

-- The Feed channel counts its own audience: no cookies, no addresses, no user agents; only numbers.
create table publishing_feed_views (
    publication_id  uuid primary key,
    page_views      bigint not null default 0,
    feed_fetches    bigint not null default 0
);

create table publishing_feed_audience (
    handle        varchar(40) primary key,
    page_views    bigint not null default 0,
    feed_fetches  bigint not null default 0
);
