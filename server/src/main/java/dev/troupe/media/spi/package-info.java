/**
 * The seam to plug in another blob store.
 */
@org.springframework.modulith.NamedInterface("spi")
package dev.troupe.media.spi;
