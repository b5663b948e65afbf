-- Dashboard sessions in PostgreSQL (Spring Session JDBC, ADR 0010): a signed-in browser survives a restart,
-- several web nodes share them, and Troupe can end every session of a user at once (by principal name).
-- The schema is Spring Session's own PostgreSQL schema with Troupe's table prefix; principal_name is long
-- enough for any e-mail address.
create table security_sessions (
	primary_id char(36) not null,
	session_id char(36) not null,
	creation_time bigint not null,
	last_access_time bigint not null,
	max_inactive_interval int not null,
	expiry_time bigint not null,
	principal_name varchar(320),
	constraint security_sessions_pk primary key (primary_id)
);

create unique index security_sessions_ix1 on security_sessions (session_id);
create index security_sessions_ix2 on security_sessions (expiry_time);
create index security_sessions_ix3 on security_sessions (principal_name);

create table security_sessions_attributes (
	session_primary_id char(36) not null,
	attribute_name varchar(200) not null,
	attribute_bytes bytea not null,
	constraint security_sessions_attributes_pk primary key (session_primary_id, attribute_name),
	constraint security_sessions_attributes_fk foreign key (session_primary_id)
		references security_sessions (primary_id) on delete cascade
);
