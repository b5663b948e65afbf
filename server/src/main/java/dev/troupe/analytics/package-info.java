/**
 * Analytics: metrics of the character's posts and accounts collected durably from every platform whose adapter
 * reports them ({@code publishing.spi.PlatformInsights}), kept as compact time series, shown and exported through
 * the API, and the best time to post learned from them. Uses publishing (channels, publications, metrics through
 * {@code publishing.ChannelInsights}), content (post excerpts) and character (time zones).
 */
package dev.troupe.analytics;
