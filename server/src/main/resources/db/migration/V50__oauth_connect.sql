-- The generic "connect account" flow (ADR 0017): one registered app per OAuth platform, single-use states,
-- finished grants waiting for the account picker, and the token bookkeeping of channels connected by OAuth.
create table publishing_platform_apps (
    platform              varchar(40)   primary key,
    client_id             varchar(500)  not null,
    client_secret_cipher  text,
    scopes                jsonb,
    authorize_url         varchar(1000),
    token_url             varchar(1000),
    api_base_url          varchar(1000),
    updated_at            timestamptz   not null
);

-- state is stored as its SHA-256: a database read does not give out states that could be replayed
create table publishing_oauth_states (
    state_hash            varchar(64)   primary key,
    platform              varchar(40)   not null,
    character_id          uuid          not null,
    user_name             varchar(320)  not null,
    verifier_cipher       text,
    expires_at            timestamptz   not null
);

create table publishing_connections (
    id                    uuid          primary key,
    platform              varchar(40)   not null,
    character_id          uuid          not null,
    user_name             varchar(320)  not null,
    accounts              jsonb         not null,
    secrets_cipher        text          not null,
    expires_at            timestamptz   not null,
    created_at            timestamptz   not null
);

create table publishing_oauth_channels (
    channel_id            uuid          primary key references publishing_channels (id) on delete cascade,
    remote_account_id     varchar(200)  not null,
    issued_at             timestamptz   not null,
    expires_at            timestamptz,
    refresh_failures      integer       not null default 0,
    last_error            text
);
create index publishing_oauth_channels_account_idx on publishing_oauth_channels (remote_account_id);

-- Renditions that platforms fetch by URL (Meta, TikTok pull): served at /public-media/{token} until they expire
-- or the publication ends. Only the token's SHA-256 is stored.
create table publishing_public_media (
    token_hash            varchar(64)   primary key,
    publication_id        uuid          not null,
    content_type          varchar(100)  not null,
    bytes                 bytea         not null,
    expires_at            timestamptz   not null,
    created_at            timestamptz   not null
);
create index publishing_public_media_publication_idx on publishing_public_media (publication_id);
