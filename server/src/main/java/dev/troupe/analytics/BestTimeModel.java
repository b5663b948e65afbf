package dev.troupe.analytics;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which weekly hours a channel's posts do best in, in plain arithmetic (docs/user-guide.md, "Best time to post").
 * <ol>
 * <li>Each post's value is its engagement divided by the channel's followers when it was posted (raw engagement when
 * the platform reports no followers), then divided by the channel's average, so 1.0 is "as usual for this channel"
 * and channels of any size can be pooled. One post counts at most {@link #CAP} times the usual, so a single viral
 * post is a strong hint, not the whole answer.</li>
 * <li>The studio pattern of an hour is the average of that relative value over the studio's other channels' posts in
 * that hour (each in its own character's time zone; the channel's own posts are not counted twice), itself pulled
 * toward 1.0 by {@link #K} imaginary average posts.</li>
 * <li>A channel's score for an hour is its own average there, weighted n/(n+K), plus the studio pattern weighted
 * K/(n+K): an empirical-Bayes shrinkage, so a single lucky post cannot make an hour the best.</li>
 * </ol>
 */
final class BestTimeModel {

	/** How many posts an hour needs before its own average counts as much as the studio pattern. */
	static final int K = 5;
	static final double CAP = 3;
	static final int HIGH = 50;
	static final int MEDIUM = 15;

	private BestTimeModel() {
	}

	/** One matured post: its channel, weekday and hour in its character's zone, and engagement (per follower). */
	record Observation(UUID channelId, DayOfWeek day, int hour, double value) {
	}

	record BestTimeSlot(DayOfWeek weekday, int hour, double score, int samples) {
	}

	record Result(String confidence, int sampleSize, List<BestTimeSlot> slots) {
	}

	static Result rank(UUID channelId, List<Observation> studio) {
		var relative = relative(studio);
		var prior = new HashMap<Integer, double[]>(); // slot -> {sum, count} over the studio
		var own = new HashMap<Integer, double[]>();
		int n = 0;
		for (var o : relative) {
			if (o.channelId().equals(channelId)) {
				add(own, key(o), o.value());
				n++;
			}
			else {
				add(prior, key(o), o.value());
			}
		}
		var keys = new java.util.TreeSet<>(prior.keySet());
		keys.addAll(own.keySet());
		var slots = new ArrayList<BestTimeSlot>();
		for (var key : keys) {
			var p = prior.getOrDefault(key, new double[2]);
			var studioPattern = (p[0] + K) / (p[1] + K);
			var mine = own.getOrDefault(key, new double[2]);
			var score = (mine[0] + K * studioPattern) / (mine[1] + K);
			slots.add(new BestTimeSlot(DayOfWeek.of(key / 24 + 1), key % 24, Math.round(score * 1000) / 1000d, (int) mine[1]));
		}
		slots.sort(Comparator.comparingDouble(BestTimeSlot::score).reversed().thenComparing(Comparator.comparingInt(BestTimeSlot::samples)
			.reversed()).thenComparing(BestTimeSlot::weekday).thenComparingInt(BestTimeSlot::hour));
		return new Result(n >= HIGH ? "high" : n >= MEDIUM ? "medium" : "low", n, slots);
	}

	/** Each value divided by its channel's average (all 1.0 when a channel's average is 0: no signal). */
	private static List<Observation> relative(List<Observation> all) {
		var sums = new HashMap<UUID, double[]>();
		all.forEach(o -> add(sums, o.channelId(), o.value()));
		return all.stream().map(o -> {
			var s = sums.get(o.channelId());
			var mean = s[0] / s[1];
			return new Observation(o.channelId(), o.day(), o.hour(), mean > 0 ? Math.min(CAP, o.value() / mean) : 1.0);
		}).toList();
	}

	private static int key(Observation o) {
		return (o.day().getValue() - 1) * 24 + o.hour();
	}

	private static <K> void add(Map<K, double[]> sums, K key, double value) {
		var s = sums.computeIfAbsent(key, k -> new double[2]);
		s[0] += value;
		s[1]++;
	}
}
