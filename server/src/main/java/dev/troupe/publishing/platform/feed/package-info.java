/**
 * The built-in Feed channel: needs no account. Publishes to the character's public page and its RSS, Atom and
 * JSON Feed at {@code /feeds/{handle}/…}, and as static files under {@code <data dir>/feeds/{handle}/}.
 */
package dev.troupe.publishing.platform.feed;
