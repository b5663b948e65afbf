/**
 * Users, roles, sessions, API tokens and the audit log. Uses only the shared kernel.
 */
package dev.troupe.security;
