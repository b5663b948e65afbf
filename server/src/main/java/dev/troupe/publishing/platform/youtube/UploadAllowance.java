package dev.troupe.publishing.platform.youtube;

import java.time.LocalDate;
import java.util.UUID;

/** How many videos.insert calls a channel made on a Pacific-time day (YouTube's quota day). */
interface UploadAllowance {

	int used(UUID channelId, LocalDate pacificDay);

	void count(UUID channelId, LocalDate pacificDay);
}
