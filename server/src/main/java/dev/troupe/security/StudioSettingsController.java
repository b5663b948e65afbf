package dev.troupe.security;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.troupe.shared.ApiProblem;

/** The studio's settings: owners only. */
@RestController
@RequestMapping("/api/v1/settings/studio")
class StudioSettingsController {

	private final StudioSettings settings;

	StudioSettingsController(StudioSettings settings) {
		this.settings = settings;
	}

	@GetMapping
	@PreAuthorize("hasRole('OWNER')")
	StudioSettings.Studio get() {
		return settings.current();
	}

	/** What new characters and channels start with: every member reads these (the composer and editors use them). */
	@GetMapping("/defaults")
	@PreAuthorize("hasRole('VIEWER')")
	StudioSettings.Defaults defaults() {
		return settings.defaults();
	}

	@PutMapping
	@PreAuthorize("hasRole('OWNER')")
	StudioSettings.Studio put(@RequestBody StudioSettings.Change change) {
		if (change == null || change.empty()) {
			throw ApiProblem.badRequest("ownerSelfApproval",
					"give at least one of ownerSelfApproval, continuityBlocksSubmit, timeZone, disclosurePolicy, defaultQueueSlots");
		}
		check(change);
		return settings.update(change);
	}

	private static void check(StudioSettings.Change change) {
		if (change.timeZone() != null) {
			try {
				ZoneId.of(change.timeZone());
			}
			catch (DateTimeException e) {
				throw ApiProblem.badRequest("timeZone", "'" + change.timeZone() + "' is not an IANA time zone such as Europe/Berlin");
			}
		}
		if (change.disclosurePolicy() != null && change.disclosurePolicy().length() > 500) {
			throw ApiProblem.badRequest("disclosurePolicy", "must be at most 500 characters");
		}
		var slots = change.defaultQueueSlots();
		if (slots != null) {
			if (slots.size() > 50) {
				throw ApiProblem.badRequest("defaultQueueSlots", "at most 50 slots");
			}
			for (int i = 0; i < slots.size(); i++) {
				var slot = slots.get(i);
				if (slot == null) {
					throw ApiProblem.badRequest("defaultQueueSlots[" + i + "]", "must be an object with day and time");
				}
				try {
					DayOfWeek.valueOf(slot.day());
				}
				catch (IllegalArgumentException | NullPointerException e) {
					throw ApiProblem.badRequest("defaultQueueSlots[" + i + "].day", "must be MONDAY … SUNDAY");
				}
				if (slot.time() == null || !slot.time().matches("([01]\\d|2[0-3]):[0-5]\\d")) {
					throw ApiProblem.badRequest("defaultQueueSlots[" + i + "].time", "must be a time of day as HH:mm, e.g. 09:30");
				}
			}
		}
	}
}
