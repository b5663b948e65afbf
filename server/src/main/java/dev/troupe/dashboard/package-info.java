/**
 * Serves the React dashboard (built from web/ into the jar) with client-side routes falling back to index.html.
 */
package dev.troupe.dashboard;
