package dev.troupe.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.troupe.publishing.spi.PlatformDescriptor.Metric;

/**
 * Maps a platform's own metrics onto the common set with the descriptor's {@link Metric#common()}. Several
 * metrics mapping to one common name add up; a common name no reported metric maps to stays null (unknown, not 0).
 */
final class CommonMetrics {

	static final List<String> PUBLICATION = List.of("reactions", "shares", "comments", "views");
	static final List<String> ACCOUNT = List.of("followers");

	private CommonMetrics() {
	}

	static Map<String, Long> map(List<Metric> spec, Map<String, Long> metrics, List<String> names) {
		var common = new LinkedHashMap<String, Long>();
		names.forEach(name -> common.put(name, null));
		for (var metric : spec) {
			var value = metrics.get(metric.name());
			if (metric.common() != null && value != null && common.containsKey(metric.common())) {
				var before = common.get(metric.common());
				common.put(metric.common(), before == null ? value : before + value);
			}
		}
		return common;
	}

	static Tracked.Common publication(List<Metric> spec, Map<String, Long> metrics) {
		var common = map(spec, metrics, PUBLICATION);
		return new Tracked.Common(common.get("reactions"), common.get("shares"), common.get("comments"),
				common.get("views"));
	}

	/** The platform's own name of its follower count, or null. */
	static String followersName(List<Metric> accountSpec) {
		return accountSpec.stream().filter(m -> "followers".equals(m.common())).map(Metric::name).findFirst().orElse(null);
	}
}
