/**
 * What this process does among the nodes sharing one PostgreSQL: its roles ({@code TROUPE_ROLES=web,worker}).
 * Web nodes serve the API and the dashboard; worker nodes run the background work. Uses nothing else.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Node roles")
package dev.troupe.node;
