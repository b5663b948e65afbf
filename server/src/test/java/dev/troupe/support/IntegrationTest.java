package dev.troupe.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import dev.troupe.generation.FakeBackend;
import dev.troupe.publishing.FakeSocial;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of HTTP integration tests: the whole application on a random port, its bundled PostgreSQL in a fresh
 * temporary data directory, and an owner created from TROUPE_ADMIN_* as on a real first start. All subclasses
 * share one application context (and one database), so tests use unique names and handles.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ FakeBackend.Factory.class, FakeSocial.Config.class, FaultyBlobStore.Config.class })
public abstract class IntegrationTest {

	public static final String OWNER_EMAIL = "owner@troupe.test";
	public static final String OWNER_PASSWORD = "correct horse battery";
	/** TROUPE_METRICS_TOKEN of the shared test application (dev.troupe.publishing.MetricsIntegrationTests). */
	public static final String METRICS_TOKEN = "prometheus-scrape-secret";
	private static final Path DATA_DIR = tempDir();
	private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

	@LocalServerPort
	protected int port;

	protected Api anonymous;
	protected Api owner;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("troupe.data-dir", DATA_DIR::toString);
		registry.add("troupe.admin.email", () -> OWNER_EMAIL);
		registry.add("troupe.admin.password", () -> OWNER_PASSWORD);
		registry.add("spring.servlet.multipart.max-file-size", () -> "2MB");
		registry.add("spring.servlet.multipart.max-request-size", () -> "2MB");
		// generation runs on fake GPU servers (dev.troupe.generation.FakeBackend); "aaa-flaky" sorts first,
		// looks healthy and refuses connections, so the first video job must move to "gpu-fake"
		registry.add("troupe.generation.backends[0].id", () -> "gpu-fake");
		registry.add("troupe.generation.backends[0].type", () -> "fake");
		registry.add("troupe.generation.backends[0].base-url", () -> "http://gpu-fake:8188");
		registry.add("troupe.generation.backends[0].options.serviceMillis", () -> "300");
		registry.add("troupe.generation.backends[1].id", () -> "aaa-flaky");
		registry.add("troupe.generation.backends[1].type", () -> "fake");
		registry.add("troupe.generation.backends[1].base-url", () -> "http://flaky:8188");
		registry.add("troupe.generation.backends[1].options.fail", () -> "flaky");
		registry.add("troupe.generation.backends[1].options.modalities", () -> "VIDEO");
		registry.add("troupe.generation.retry-backoff", () -> "100ms");
		// every test connects from this machine: one client address for the whole suite (the throttle itself
		// is tested with X-Forwarded-For addresses and in FirstRunIntegrationTests)
		registry.add("troupe.sign-in.max-failures-per-address", () -> "100000");
		registry.add("troupe.metrics.token", () -> METRICS_TOKEN);
		// inbox tests read their channels when they choose; the sweep would start pollers for every test's channels
		registry.add("troupe.inbox.sweep-interval", () -> "1h");
	}

	@BeforeEach
	void clients() {
		anonymous = new Api(port, null);
		owner = anonymous.as(tokenFor(OWNER_EMAIL, OWNER_PASSWORD));
	}

	protected static Path dataDir() {
		return DATA_DIR;
	}

	/** A client acting as a user of the given role, created once per test run. */
	protected Api as(String role) {
		var email = role.toLowerCase() + "@troupe.test";
		if (!TOKENS.containsKey(email)) {
			var created = owner.post("/api/v1/users",
					Map.of("email", email, "password", OWNER_PASSWORD, "displayName", role, "role", role));
			assertThat(created.status()).as(created.toString()).isIn(201, 409);
		}
		return anonymous.as(tokenFor(email, OWNER_PASSWORD));
	}

	protected String ownerToken() {
		return tokenFor(OWNER_EMAIL, OWNER_PASSWORD);
	}

	private String tokenFor(String email, String password) {
		return TOKENS.computeIfAbsent(email, e -> {
			var response = anonymous.post("/api/v1/auth/token", Map.of("email", e, "password", password));
			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			return response.json().get("token").asString();
		});
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("troupe-it-");
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
