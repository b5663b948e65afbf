/**
 * The seam to social platforms: one {@link dev.troupe.publishing.spi.SocialPlatform} adapter per platform, in
 * its own package {@code publishing.platform.<name>}. Generic publishing code only sees these types.
 */
@org.springframework.modulith.NamedInterface("spi")
package dev.troupe.publishing.spi;
