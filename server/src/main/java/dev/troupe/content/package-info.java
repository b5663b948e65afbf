/**
 * Posts and their review: drafts, submission, approval or rejection, and the lifecycle states publishing
 * reports back. Uses character, media, and security (the studio's review setting). What a channel accepts is asked through {@link
 * dev.troupe.content.ChannelRules}, which the publishing module implements.
 */
package dev.troupe.content;
