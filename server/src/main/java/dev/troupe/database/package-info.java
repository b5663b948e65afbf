/**
 * Owns the bundled PostgreSQL server that Troupe runs when no external database is configured.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Bundled database")
package dev.troupe.database;
