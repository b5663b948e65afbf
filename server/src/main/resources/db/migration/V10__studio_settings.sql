-- Studio-wide settings an owner chooses (security). A missing row means "not chosen": the default applies, so a
-- default can depend on the studio (e.g. how many members it has) without rewriting stored values.
create table security_studio_settings (
    name        varchar(100) primary key,
    value       jsonb        not null,
    updated_by  varchar(320) not null,
    updated_at  timestamptz  not null
);
