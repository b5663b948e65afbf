package dev.troupe.publishing.platform.tiktok;

/**
 * Chunks as TikTok's media transfer guide prescribes: files under 5 MB (or not larger than one chunk) go whole;
 * otherwise {@code total_chunk_count = video_size / chunk_size} rounded down, every chunk 5 to 64 MB, the last one
 * taking the trailing bytes; at most 1,000 chunks, sent in order.
 */
record ChunkPlan(long chunkSize, int count) {

	static ChunkPlan of(long videoSize, long wanted) {
		var chunk = Math.max(TikTokDescriptor.MIN_CHUNK, Math.min(TikTokDescriptor.MAX_CHUNK, wanted));
		if (videoSize <= chunk) {
			return new ChunkPlan(videoSize, 1);
		}
		var count = (int) (videoSize / chunk);
		while (count > 1000) {
			chunk = (videoSize + 999) / 1000;
			count = (int) (videoSize / chunk);
		}
		return new ChunkPlan(chunk, count);
	}

	long first(int index) {
		return index * chunkSize;
	}

	long last(int index, long videoSize) {
		return index == count - 1 ? videoSize - 1 : (index + 1) * chunkSize - 1;
	}
}
