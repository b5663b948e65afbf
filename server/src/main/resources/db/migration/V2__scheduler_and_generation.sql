-- db-scheduler's table (PostgreSQL schema of db-scheduler 16): durable background work for every module.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- Backends added through the API (those from application.yaml are not stored).
create table generation_backends (
    id              varchar(64) primary key,
    type            varchar(32)  not null,
    base_url        varchar(500) not null,
    api_key_cipher  text,
    max_concurrent  integer      not null,
    enabled         boolean      not null,
    options         jsonb        not null default '{}',
    created_at      timestamptz  not null
);

create table generation_jobs (
    id            uuid primary key,
    character_id  uuid         not null,
    kind          varchar(20)  not null,
    status        varchar(20)  not null,
    input         jsonb        not null,
    task          jsonb        not null,
    backend_id    varchar(64),
    remote        jsonb,
    attempts      integer      not null default 0,
    progress      jsonb        not null default '{"fraction":0}',
    preview       bytea,
    error         text,
    outputs       jsonb        not null default '[]',
    text          text,
    structured    jsonb,
    created_by    varchar(320) not null,
    created_at    timestamptz  not null,
    started_at    timestamptz,
    finished_at   timestamptz,
    updated_at    timestamptz  not null
);
create index generation_jobs_character_idx on generation_jobs (character_id, created_at desc);
create index generation_jobs_running_idx on generation_jobs (backend_id) where status = 'RUNNING';

-- Fingerprints of a character's earlier outputs, for near-duplicate checks.
create table generation_fingerprints (
    job_id        uuid        not null references generation_jobs (id) on delete cascade,
    character_id  uuid        not null,
    asset_id      uuid,
    phash         bigint,
    embedding     real[],
    created_at    timestamptz not null
);
create index generation_fingerprints_character_idx on generation_fingerprints (character_id);
