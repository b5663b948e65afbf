package dev.troupe.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;

/**
 * Studio-wide defaults on the Settings page: owners set the time zone, disclosure line and queue slots new work
 * starts with, every member reads them, bad values are problems naming the field, and each change is audited.
 */
class StudioDefaultsIntegrationTests extends IntegrationTest {

	@Test
	void ownersSetTheStudioDefaultsAndEveryMemberReadsThem() {
		var viewer = as("VIEWER");
		try {
			var put = owner.put("/api/v1/settings/studio", Map.of("timeZone", "Europe/Berlin", "disclosurePolicy",
					" Made with AI. ", "defaultQueueSlots", List.of(Map.of("day", "MONDAY", "time", "09:30"))));
			assertThat(put.status()).as(put.toString()).isEqualTo(200);
			assertThat(put.json().get("timeZone").asString()).isEqualTo("Europe/Berlin");
			assertThat(put.json().get("members").asLong()).as("the owner and the viewer at least").isGreaterThan(1);

			var defaults = viewer.get("/api/v1/settings/studio/defaults");
			assertThat(defaults.status()).isEqualTo(200);
			assertThat(defaults.json().get("timeZone").asString()).isEqualTo("Europe/Berlin");
			assertThat(defaults.json().get("disclosurePolicy").asString()).isEqualTo("Made with AI.");
			assertThat(defaults.json().at("/defaultQueueSlots/0/time").asString()).isEqualTo("09:30");
			assertThat(viewer.put("/api/v1/settings/studio", Map.of("timeZone", "UTC")).status()).isEqualTo(403);
			assertThat(owner.get("/api/v1/audit?limit=20").text()).contains("timeZone").contains("Europe/Berlin");
		}
		finally {
			owner.put("/api/v1/settings/studio", Map.of("timeZone", "UTC", "disclosurePolicy", "", "defaultQueueSlots", List.of()));
		}
	}

	@Test
	void badDefaultsAreProblemsNamingTheField() {
		var cases = Map.of(
				"timeZone", Map.<String, Object>of("timeZone", "Mars/Olympus"),
				"disclosurePolicy", Map.<String, Object>of("disclosurePolicy", "x".repeat(501)),
				"defaultQueueSlots[0].day", Map.<String, Object>of("defaultQueueSlots", List.of(Map.of("day", "FUNDAY", "time", "09:00"))),
				"defaultQueueSlots[0].time", Map.<String, Object>of("defaultQueueSlots", List.of(Map.of("day", "MONDAY", "time", "9am"))));
		cases.forEach((field, body) -> {
			var response = owner.put("/api/v1/settings/studio", body);
			assertThat(response.status()).as(field).isEqualTo(400);
			assertThat(response.header("Content-Type")).contains("problem+json");
			assertThat(response.text()).as(field).contains("\"field\":\"" + field + "\"");
		});
		assertThat(owner.get("/api/v1/settings/studio/defaults").json().get("timeZone").asString()).isEqualTo("UTC");
	}
}
