/**
 * Content-addressed media assets (sha256) in a pluggable blob store, with thumbnails. Uses only the shared kernel.
 */
package dev.troupe.media;
