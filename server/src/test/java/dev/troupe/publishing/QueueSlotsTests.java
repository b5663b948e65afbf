package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class QueueSlotsTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
	private static final List<Channel.Slot> WEEKDAYS_AT_NINE = List.of(DayOfWeek.values()).stream()
		.filter(d -> d.getValue() <= 5).map(d -> new Channel.Slot(d, LocalTime.of(9, 0))).toList();

	@Test
	void aSlotStaysAtNineLocalAcrossSpringForward() {
		// Berlin moves from +01:00 to +02:00 on Sunday 2026-03-29
		var friday = QueueSlots.next(WEEKDAYS_AT_NINE, BERLIN, Instant.parse("2026-03-27T07:00:00Z"), List.of()).orElseThrow();
		assertThat(friday).isEqualTo(Instant.parse("2026-03-27T08:00:00Z")); // 09:00 CET
		var monday = QueueSlots.next(WEEKDAYS_AT_NINE, BERLIN, friday, List.of()).orElseThrow();
		assertThat(monday).isEqualTo(Instant.parse("2026-03-30T07:00:00Z")); // 09:00 CEST
	}

	@Test
	void aSlotStaysAtNineLocalAcrossFallBack() {
		// Berlin moves from +02:00 to +01:00 on Sunday 2026-10-25
		var friday = QueueSlots.next(WEEKDAYS_AT_NINE, BERLIN, Instant.parse("2026-10-23T06:00:00Z"), List.of()).orElseThrow();
		assertThat(friday).isEqualTo(Instant.parse("2026-10-23T07:00:00Z")); // 09:00 CEST
		var monday = QueueSlots.next(WEEKDAYS_AT_NINE, BERLIN, friday, List.of()).orElseThrow();
		assertThat(monday).isEqualTo(Instant.parse("2026-10-26T08:00:00Z")); // 09:00 CET
	}

	@Test
	void takenSlotsAreSkippedAndASlotInTheGapMovesForwardByTheGap() {
		var first = QueueSlots.next(WEEKDAYS_AT_NINE, BERLIN, Instant.parse("2026-03-27T07:00:00Z"), List.of()).orElseThrow();
		var next = QueueSlots.next(WEEKDAYS_AT_NINE, BERLIN, Instant.parse("2026-03-27T07:00:00Z"), List.of(first)).orElseThrow();
		assertThat(next).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));

		var twoThirty = List.of(new Channel.Slot(DayOfWeek.SUNDAY, LocalTime.of(2, 30)));
		var inGap = QueueSlots.next(twoThirty, BERLIN, Instant.parse("2026-03-28T00:00:00Z"), List.of()).orElseThrow();
		assertThat(inGap).isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST, the first valid time
	}

	@Test
	void noSlotsMeansNoTime() {
		assertThat(QueueSlots.next(List.of(), BERLIN, Instant.now(), List.of())).isEmpty();
	}
}
