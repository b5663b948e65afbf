-- Troupe foundation: users, tokens and audit (security), media assets (media), characters (character).
-- One table prefix per module; instants are timestamptz (UTC).

create table security_users (
    id            uuid primary key,
    email         varchar(320) not null,
    display_name  varchar(200) not null,
    password_hash varchar(200) not null,
    role          varchar(20)  not null check (role in ('OWNER', 'EDITOR', 'REVIEWER', 'VIEWER')),
    disabled      boolean      not null default false,
    created_at    timestamptz  not null
);
create unique index security_users_email_uq on security_users (lower(email));

create table security_tokens (
    id           uuid primary key,
    user_id      uuid         not null references security_users (id) on delete cascade,
    name         varchar(200) not null,
    -- sha256 of the secret: the secret itself is shown once and never stored
    token_hash   char(64)     not null unique,
    created_at   timestamptz  not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index security_tokens_user_idx on security_tokens (user_id);

create table security_audit_log (
    id           bigserial primary key,
    at           timestamptz  not null,
    actor        varchar(320) not null,
    action       varchar(100) not null,
    subject_type varchar(50)  not null,
    subject_id   varchar(100) not null,
    detail       jsonb        not null default '{}'
);
create index security_audit_log_at_idx on security_audit_log (at desc);

create table media_assets (
    id                uuid primary key,
    sha256            char(64)     not null unique,
    content_type      varchar(100) not null,
    size_bytes        bigint       not null,
    width             integer,
    height            integer,
    thumbnail_sha256  char(64),
    original_filename varchar(300),
    created_by        varchar(320) not null,
    created_at        timestamptz  not null
);

create table character_characters (
    id              uuid primary key,
    version         integer      not null,
    name            varchar(200) not null,
    handle          varchar(40)  not null,
    bio             text         not null default '',
    avatar_asset_id uuid,
    language        varchar(35)  not null,
    time_zone       varchar(64)  not null,
    persona         jsonb        not null,
    visual          jsonb        not null,
    voice           jsonb        not null,
    preferences     jsonb        not null,
    created_by      varchar(320) not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
create unique index character_characters_handle_uq on character_characters (lower(handle));
