package dev.troupe.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.analytics.BestTimeModel.Observation;

class BestTimeModelTests {

	private final Random random = new Random(12);

	/** {@code count} posts spread over the week; those in the peak slot get {@code lift} times the engagement. */
	private List<Observation> history(UUID channel, int count, DayOfWeek peakDay, int peakHour, double lift,
			double scale) {
		var list = new ArrayList<Observation>();
		for (int i = 0; i < count; i++) {
			boolean peak = i % 4 == 0;
			var day = peak ? peakDay : DayOfWeek.of(1 + random.nextInt(7));
			var hour = peak ? peakHour : 8 + random.nextInt(12);
			var value = scale * (0.8 + 0.4 * random.nextDouble()) * (peak || (day == peakDay && hour == peakHour) ? lift : 1);
			list.add(new Observation(channel, day, hour, value));
		}
		return list;
	}

	@Test
	void aKnownPeakComesFirstWithHighConfidence() {
		var channel = UUID.randomUUID();
		var result = BestTimeModel.rank(channel, history(channel, 120, DayOfWeek.TUESDAY, 18, 3, 0.02));

		assertThat(result.slots().get(0).weekday()).isEqualTo(DayOfWeek.TUESDAY);
		assertThat(result.slots().get(0).hour()).isEqualTo(18);
		assertThat(result.slots().get(0).samples()).isGreaterThanOrEqualTo(30);
		assertThat(result.slots().get(0).score()).isGreaterThan(result.slots().get(1).score());
		assertThat(result.confidence()).isEqualTo("high");
		assertThat(result.sampleSize()).isEqualTo(120);
	}

	@Test
	void tooLittleDataGivesTheStudioPatternWithLowConfidence() {
		var sparse = UUID.randomUUID();
		var other = UUID.randomUUID();
		var observations = new ArrayList<>(history(other, 80, DayOfWeek.FRIDAY, 20, 4, 40));
		observations.add(new Observation(sparse, DayOfWeek.MONDAY, 9, 0.3));
		observations.add(new Observation(sparse, DayOfWeek.MONDAY, 9, 0.3));

		var result = BestTimeModel.rank(sparse, observations);

		var best = result.slots().get(0);
		assertThat(best.weekday()).isEqualTo(DayOfWeek.FRIDAY);
		assertThat(best.hour()).isEqualTo(20);
		assertThat(best.samples()).as("the prior's slot, not the channel's own").isZero();
		assertThat(result.confidence()).isEqualTo("low");
		assertThat(result.sampleSize()).isEqualTo(2);
	}

	@Test
	void oneLuckyPostDoesNotBeatAWellSampledPeak() {
		var channel = UUID.randomUUID();
		var observations = new ArrayList<>(history(channel, 60, DayOfWeek.WEDNESDAY, 12, 2, 1));
		observations.add(new Observation(channel, DayOfWeek.SUNDAY, 3, 6));
		var result = BestTimeModel.rank(channel, observations);
		assertThat(result.slots().get(0).weekday()).isEqualTo(DayOfWeek.WEDNESDAY);
		assertThat(result.confidence()).isEqualTo("high");
	}

	@Test
	void noHistoryAtAllGivesNoSlots() {
		var result = BestTimeModel.rank(UUID.randomUUID(), List.of());
		assertThat(result.slots()).isEmpty();
		assertThat(result.confidence()).isEqualTo("low");
	}

	@Test
	void commonMetricsMapByTheDescriptorAndKeepUnknownsNull() {
		var spec = List.of(new dev.troupe.publishing.spi.PlatformDescriptor.Metric("likeCount", "Likes", "reactions"),
				new dev.troupe.publishing.spi.PlatformDescriptor.Metric("repostCount", "Reposts", "shares"),
				new dev.troupe.publishing.spi.PlatformDescriptor.Metric("quoteCount", "Quotes", null));
		var common = CommonMetrics.publication(spec, java.util.Map.of("likeCount", 5L, "repostCount", 2L, "quoteCount", 9L));
		assertThat(common).isEqualTo(new Tracked.Common(5L, 2L, null, null));
		assertThat(common.engagement()).isEqualTo(7);
	}

	@Test
	void csvCellsAreQuotedAndFormulasDefused() {
		assertThat(CsvExport.cell("plain")).isEqualTo("plain");
		assertThat(CsvExport.write(List.of(List.of("a,b", "say \"hi\"", "two\nlines", 3)))).isEqualTo(
				"\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",3\r\n");
	}
}
