-- A public media link may name a blob of the media store instead of holding the bytes: when the store signs
-- download URLs (S3) and TROUPE_PUBLIC_MEDIA_FROM_STORE is on, /public-media/{token} redirects to the store.
alter table publishing_public_media add column blob_sha256 varchar(64);
alter table publishing_public_media alter column bytes drop not null;
alter table publishing_public_media add constraint publishing_public_media_bytes_or_blob
    check (bytes is not null or blob_sha256 is not null);
