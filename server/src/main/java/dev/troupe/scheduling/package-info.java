/**
 * Durable background work on db-scheduler (one table in the same PostgreSQL). Modules declare their tasks as
 * beans and schedule instances through {@code SchedulerClient} inside their own transactions. Scheduling
 * never knows who it triggers. Only nodes with the worker role ({@code node.NodeRoles}) execute tasks.
 */
package dev.troupe.scheduling;
