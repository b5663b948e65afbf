package dev.troupe.engagement;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the inbox is read.
 *
 * @param pollInterval how often each channel's inbox is read (the platform's rate limits and retry hints can make
 *     it later, never earlier)
 * @param sweepInterval how often new channels with an inbox get their poller
 */
@ConfigurationProperties("troupe.inbox")
record InboxSettings(@DefaultValue("2m") Duration pollInterval, @DefaultValue("1m") Duration sweepInterval) {
}
