package dev.troupe.publishing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The next free weekly slot of a channel. Slots are wall-clock times in the character's zone: a 09:00 slot is
 * 09:00 local on both sides of a daylight-saving change (the instant moves, the local time does not). A slot
 * that falls into a spring-forward gap moves forward by the gap, as {@link ZonedDateTime#of} defines.
 */
final class QueueSlots {

	private static final int WEEKS_AHEAD = 12;

	private QueueSlots() {
	}

	static Optional<Instant> next(List<Channel.Slot> slots, ZoneId zone, Instant after, Collection<Instant> taken) {
		if (slots.isEmpty()) {
			return Optional.empty();
		}
		var sorted = slots.stream().sorted(Comparator.comparing(Channel.Slot::time)).toList();
		var day = LocalDate.ofInstant(after, zone);
		for (int i = 0; i < WEEKS_AHEAD * 7; i++, day = day.plusDays(1)) {
			for (var slot : sorted) {
				if (slot.day() != day.getDayOfWeek()) {
					continue;
				}
				var at = ZonedDateTime.of(day, slot.time(), zone).toInstant();
				if (at.isAfter(after) && !taken.contains(at)) {
					return Optional.of(at);
				}
			}
		}
		return Optional.empty();
	}
}
