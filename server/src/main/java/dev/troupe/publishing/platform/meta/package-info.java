/**
 * What Meta's Graph APIs (Instagram, Facebook, Threads) share: the HTTP client, error and rate-limit mapping, and
 * the container flow. Used only by the Meta adapters.
 */
package dev.troupe.publishing.platform.meta;
