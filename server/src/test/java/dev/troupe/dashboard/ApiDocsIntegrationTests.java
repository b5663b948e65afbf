package dev.troupe.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

class ApiDocsIntegrationTests extends IntegrationTest {

	/** The committed copy the dashboard's types and client are generated from (see web/package.json). */
	private static final Path COMMITTED = Path.of("..", "web", "openapi.json");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	@Test
	void theOpenApiDescriptionListsTheApi() {
		var docs = anonymous.get("/v3/api-docs");
		assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
		assertThat(docs.json().get("paths").propertyNames()).contains("/api/v1/characters", "/api/v1/generations",
				"/api/v1/posts", "/api/v1/channels");
	}

	/**
	 * The dashboard is compiled against web/openapi.json; when the server's API changes, that copy must change
	 * with it, or the dashboard would build against an API that no longer exists.
	 */
	@Test
	void theDashboardIsBuiltAgainstTheLiveApiDescription() throws IOException {
		var live = anonymous.get("/v3/api-docs").json();
		var text = JSON.writeValueAsString(live) + "\n";
		if (Boolean.getBoolean("troupe.openapi.write")) {
			Files.writeString(COMMITTED, text, StandardCharsets.UTF_8);
		}
		assertThat(COMMITTED).as("web/openapi.json is missing; create it with -Dtroupe.openapi.write=true").exists();
		var committed = JSON.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
		assertThat(committed)
			.as("web/openapi.json differs from the server's API. Refresh it with: mvn -pl server -am test "
					+ "-Dtest=ApiDocsIntegrationTests -Dtroupe.openapi.write=true (then rebuild the dashboard)")
			.isEqualTo(live);
	}

	/** Every operation says who may call it, what it takes and what it answers, including its problems. */
	@Test
	void everyOperationIsTypedAndDocumentsItsProblems() {
		var docs = anonymous.get("/v3/api-docs").json();
		assertThat(docs.at("/components/securitySchemes").propertyNames()).contains("bearer", "session");
		var untyped = new ArrayList<String>();
		for (var path : docs.get("paths").propertyNames()) {
			var item = docs.get("paths").get(path);
			for (var method : item.propertyNames()) {
				var op = item.get(method);
				var where = method.toUpperCase() + " " + path;
				var body = op.at("/requestBody/content");
				if (!body.isMissingNode()) {
					for (var type : body.propertyNames()) {
						if (!typed(body.get(type).get("schema"))) {
							untyped.add(where + " request " + type);
						}
					}
				}
				boolean hasProblem = false;
				for (var status : op.get("responses").propertyNames()) {
					var content = op.get("responses").get(status).get("content");
					if (content == null) {
						continue;
					}
					for (var type : content.propertyNames()) {
						hasProblem |= type.equals("application/problem+json");
						if (status.startsWith("2") && !typed(content.get(type).get("schema"))) {
							untyped.add(where + " response " + status + " " + type);
						}
					}
				}
				if (!hasProblem) {
					untyped.add(where + " has no problem+json response");
				}
			}
		}
		assertThat(untyped).isEmpty();
	}

	/** A schema says something when it names a component, a type other than a free object, or a binary. */
	private static boolean typed(JsonNode schema) {
		if (schema == null || schema.isMissingNode() || schema.isEmpty()) {
			return false;
		}
		if (schema.has("$ref")) {
			return true;
		}
		if (schema.has("items")) {
			return typed(schema.get("items"));
		}
		var type = schema.path("type").asString("");
		if (type.equals("object")) {
			return schema.has("properties") || typed(schema.path("additionalProperties"))
					|| schema.path("additionalProperties").isBoolean();
		}
		return !type.isEmpty() || schema.has("oneOf") || schema.has("allOf");
	}

	@Test
	void unknownDashboardRoutesServeTheAppButUnknownApiPathsAnswer404() {
		var api = owner.get("/api/v1/nothing-here");
		assertThat(api.status()).isEqualTo(404);
	}
}
