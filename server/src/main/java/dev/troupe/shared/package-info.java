/**
 * Tiny kernel shared by every module: problem (RFC 9457) errors, the current actor, auditable events.
 * Nothing else belongs here.
 */
package dev.troupe.shared;
