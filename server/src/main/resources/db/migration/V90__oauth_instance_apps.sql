-- Federated platforms (Mastodon): Troupe registers its own app on each instance it connects to, once, and
-- remembers it; a connect request remembers which instance it went to.
create table publishing_instance_apps (
    platform              varchar(40)   not null,
    instance_url          varchar(1000) not null,
    redirect_uri          varchar(1000) not null,
    client_id             varchar(500)  not null,
    client_secret_cipher  text          not null,
    scopes                jsonb         not null,
    authorize_url         varchar(1000) not null,
    token_url             varchar(1000) not null,
    api_base_url          varchar(1000) not null,
    created_at            timestamptz   not null,
    primary key (platform, instance_url)
);

alter table publishing_oauth_states add column instance_url varchar(1000);
