/**
 * {@code ./troupe backup} and {@code ./troupe restore}: one archive with a consistent copy of every table (one
 * REPEATABLE READ snapshot, PostgreSQL COPY) and the media folder, restored into an empty database whose schema
 * Flyway recreates. Runs outside the application; uses the bundled database module to reach that server.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Backup and restore")
package dev.troupe.backup;
