/**
 * Channels (connected accounts), publications with the exactly-once state machine (DESIGN §5), scheduling
 * posts at a time or into queue slots, rate limits, reconciliation, notifications, outbound webhooks, and the
 * platform adapters in {@code platform.*}. Uses content, character, media, security and shared.
 */
package dev.troupe.publishing;
