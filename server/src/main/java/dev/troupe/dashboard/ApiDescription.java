package dev.troupe.dashboard;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The OpenAPI document at /v3/api-docs. The dashboard's types and client are generated from it (web/openapi.json),
 * so it has to be complete: who may call (a bearer token or the dashboard's session cookie), and the RFC 9457
 * problem every operation can answer besides its success.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

	static final String PROBLEM = "Problem";

	/** Operations reachable without signing in (see SecurityConfiguration). */
	private static final Set<String> PUBLIC = Set.of("POST /api/v1/auth/token", "POST /api/v1/auth/login",
			"POST /api/v1/setup/owner", "GET /api/v1/setup");

	@Bean
	OpenAPI troupeOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Troupe API").version("v1")
				.description("Characters, generation, posts and publishing. Errors are RFC 9457 problem+json."))
			// a relative server: the document is the same on every host and port (and committed as web/openapi.json)
			.servers(List.of(new Server().url("/")))
			.components(new Components()
				.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
					.description("An API token from POST /api/v1/auth/token or POST /api/v1/tokens"))
				.addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.COOKIE).name("JSESSIONID")
					.description("The dashboard's session from POST /api/v1/auth/login; state changes also "
							+ "send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN"))
)
			.security(List.of(new SecurityRequirement().addList("bearer"), new SecurityRequirement().addList("session")));
	}

	/** Every operation documents its problems; public ones need no credentials. */
	@Bean
	OpenApiCustomizer problemResponses() {
		return api -> {
			// added here: springdoc replaces the schemas of the base document with the ones it finds
			api.getComponents().addSchemas(PROBLEM, problemSchema());
			api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
			op.getResponses().putIfAbsent("4XX", problem("Refused: the problem names the field and the reason"));
			op.getResponses().putIfAbsent("5XX", problem("Unexpected failure (details are in the server log)"));
			if (PUBLIC.contains(method.name() + " " + path) || path.startsWith("/feeds/")) {
				op.setSecurity(List.of());
			}
			}));
		};
	}

	/**
	 * Responses always carry every property (Jackson writes nulls too), so the schemas they use list all properties
	 * as required; a request body using such a schema gets an "…Input" copy without them, since PATCH sends a part.
	 */
	@Bean
	OpenApiCustomizer completeResponses() {
		return api -> {
			var schemas = api.getComponents().getSchemas();
			// a Jackson tree is any JSON value, not the bean properties of the JsonNode class
			schemas.computeIfPresent("JsonNode", (name, bean) -> new Schema<>().description("Any JSON value"));
			var answered = new java.util.TreeSet<String>();
			api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> op.getResponses()
				.forEach((status, response) -> {
					if (status.startsWith("2") && response.getContent() != null) {
						response.getContent().values().forEach(media -> reach(media.getSchema(), schemas, answered));
					}
				})));
			var inputs = new java.util.TreeMap<String, Schema>();
			api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
				if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
					return;
				}
				op.getRequestBody().getContent().values().forEach(media -> {
					var name = refName(media.getSchema());
					if (name != null && answered.contains(name)) {
						inputs.computeIfAbsent(name + "Input", n -> copyWithoutRequired(schemas.get(name)));
						media.setSchema(new Schema<>().$ref("#/components/schemas/" + name + "Input"));
					}
				});
			}));
			answered.forEach(name -> {
				var schema = schemas.get(name);
				if (schema != null && schema.getProperties() != null) {
					schema.setRequired(new java.util.ArrayList<>(new java.util.TreeSet<>(schema.getProperties().keySet())));
				}
			});
			schemas.putAll(inputs);
		};
	}

	@SuppressWarnings("rawtypes")
	private static void reach(Schema<?> schema, Map<String, Schema> schemas, Set<String> seen) {
		if (schema == null) {
			return;
		}
		var name = refName(schema);
		if (name != null) {
			if (seen.add(name)) {
				reach(schemas.get(name), schemas, seen);
			}
			return;
		}
		reach(schema.getItems(), schemas, seen);
		if (schema.getAdditionalProperties() instanceof Schema<?> values) {
			reach(values, schemas, seen);
		}
		if (schema.getProperties() != null) {
			schema.getProperties().values().forEach(p -> reach(p, schemas, seen));
		}
		for (var parts : java.util.Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
			if (parts != null) {
				parts.forEach(p -> reach(p, schemas, seen));
			}
		}
	}

	private static String refName(Schema<?> schema) {
		var ref = schema == null ? null : schema.get$ref();
		return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema copyWithoutRequired(Schema<?> schema) {
		var copy = new ObjectSchema();
		copy.setProperties(schema.getProperties());
		copy.setDescription(schema.getDescription());
		return copy;
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
	}

	@SuppressWarnings("rawtypes")
	private static Schema<?> problemSchema() {
		var fieldProblem = new ObjectSchema().addProperty("field", new StringSchema())
			.addProperty("reason", new StringSchema())
			.required(List.of("field", "reason"));
		Map<String, Schema> properties = new java.util.LinkedHashMap<>();
		properties.put("type", new StringSchema().format("uri"));
		properties.put("title", new StringSchema());
		properties.put("status", new IntegerSchema());
		properties.put("detail", new StringSchema());
		properties.put("instance", new StringSchema().format("uri"));
		properties.put("errors", new ArraySchema().items(fieldProblem)
			.description("Field-level reasons: 'field' is a JSON path such as persona.description"));
		return new ObjectSchema().properties(properties).required(List.of("title", "status"))
			.description("RFC 9457 problem details");
	}
}
