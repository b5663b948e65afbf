package dev.troupe.generation;

import java.net.URI;
import java.util.Map;

/**
 * The body of POST and PATCH /api/v1/backends as the API description shows it. BackendManagement reads the body
 * as a tree because PATCH tells "absent" (keep) from null (clear the API key).
 */
record BackendInput(String id, String type, URI baseUrl, String apiKey, Integer maxConcurrent, Boolean enabled,
		Map<String, String> options) {
}
