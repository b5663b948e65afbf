package dev.troupe.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;

class ApiDocsIntegrationTests extends IntegrationTest {

	@Test
	void theOpenApiDescriptionListsTheApi() {
		var docs = anonymous.get("/v3/api-docs");
		assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
		assertThat(docs.json().get("paths").propertyNames()).contains("/api/v1/characters", "/api/v1/generations",
				"/api/v1/posts", "/api/v1/channels");
	}

	@Test
	void unknownDashboardRoutesServeTheAppButUnknownApiPathsAnswer404() {
		var api = owner.get("/api/v1/nothing-here");
		assertThat(api.status()).isEqualTo(404);
	}
}
