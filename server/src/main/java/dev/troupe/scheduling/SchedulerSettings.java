package dev.troupe.scheduling;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How eagerly background work is picked up. The heartbeat is seconds, not db-scheduler's 5-minute default:
 * a task of a node that died runs again after about heartbeat × missedHeartbeats.
 *
 * @param pollingInterval how often due work is fetched (lock-and-fetch with SKIP LOCKED)
 * @param heartbeat how often a running task says it is alive
 * @param missedHeartbeats how many missed heartbeats make a task dead, to be run again
 * @param threads how many tasks run at once on this node (generation jobs hold one while they wait on a GPU)
 * @param shutdownMaxWait how long a stopping node waits for running tasks before leaving them to another node
 * @param nodeName how this node marks the tasks it runs (empty: host name and process id)
 */
@ConfigurationProperties("troupe.scheduler")
record SchedulerSettings(@DefaultValue("100ms") Duration pollingInterval, @DefaultValue("2s") Duration heartbeat,
		@DefaultValue("4") int missedHeartbeats, @DefaultValue("24") int threads,
		@DefaultValue("5s") Duration shutdownMaxWait, @DefaultValue("") String nodeName) {
}
