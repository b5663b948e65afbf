-- Read-state of notifications is per user (publishing). What was marked read globally stays read for every user
-- who existed then.
create table publishing_notification_reads (
    notification_id  bigint       not null references publishing_notifications (id) on delete cascade,
    reader           varchar(320) not null,
    read_at          timestamptz  not null,
    primary key (notification_id, reader)
);
insert into publishing_notification_reads (notification_id, reader, read_at)
select n.id, u.email, now() from publishing_notifications n cross join security_users u where n.read;
alter table publishing_notifications drop column read;
