-- Failed sign-ins per account and per client address in the current window (ADR 0010). One row per key,
-- updated with one upsert, so every web node sees the same counts.
create table security_sign_in_failures (
    key          varchar(400) primary key,
    window_start timestamptz  not null,
    failures     int          not null
);
