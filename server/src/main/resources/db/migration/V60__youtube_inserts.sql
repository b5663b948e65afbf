-- YouTube's daily videos.insert allowance (reset at midnight Pacific time): calls made per channel and day.
create table publishing_youtube_inserts (
    channel_id            uuid          not null references publishing_channels (id) on delete cascade,
    pacific_day           date          not null,
    inserts               integer       not null,
    primary key (channel_id, pacific_day)
);
