-- ComfyUI workflow templates imported by owners (the shipped ones live in the jar).
create table generation_comfyui_templates (
    name        varchar(100) primary key,
    json        text         not null,
    sha256      char(64)     not null,
    created_by  varchar(320) not null,
    created_at  timestamptz  not null
);
