/**
 * The engagement inbox: what people say to a character on its channels (replies, mentions, quotes, comments,
 * messages), collected once by a durable poller per channel, flagged against the character's banned words and the
 * studio's block list, and answered with reply posts drafted in the character's voice that go through review and
 * exactly-once publication like any post. Uses publishing (channels with an inbox), content (reply posts),
 * generation (reply drafts) and character (persona, banned words).
 */
package dev.troupe.engagement;
