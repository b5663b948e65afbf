package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/grafana/troupe.json and deploy/prometheus/alerts.yaml load, have the structure Grafana and Prometheus
 * need, and every troupe_* series they query is in the live /actuator/prometheus output (a renamed meter breaks
 * this test rather than silently emptying a panel or an alert).
 */
class DashboardAndAlertsIntegrationTests extends IntegrationTest {

	private static final Path DEPLOY = Path.of("..", "deploy");
	private static final Pattern SERIES = Pattern.compile("\\btroupe_[a-z0-9_]+");

	@Test
	void everySeriesTheDashboardAndAlertsQueryExists() throws IOException {
		publishOnceWithARateLimit();
		var exposition = anonymous.as(METRICS_TOKEN).get("/actuator/prometheus").text();
		var exposed = new TreeSet<String>();
		var names = Pattern.compile("^(troupe_[a-z0-9_]+)[{ ]", Pattern.MULTILINE).matcher(exposition);
		while (names.find()) {
			exposed.add(names.group(1));
		}

		var dashboard = JsonMapper.builder().build().readTree(Files.readString(DEPLOY.resolve("grafana/troupe.json")));
		assertThat(dashboard.get("uid").asString()).isNotBlank();
		assertThat(dashboard.get("title").asString()).isEqualTo("Troupe");
		var dashboardExprs = new ArrayList<String>();
		var ids = new TreeSet<Integer>();
		for (JsonNode panel : dashboard.get("panels")) {
			assertThat(panel.get("title").asString()).isNotBlank();
			assertThat(ids.add(panel.get("id").asInt())).as("panel ids are unique").isTrue();
			assertThat(panel.at("/gridPos/w").asInt()).isBetween(1, 24);
			assertThat(panel.get("targets").size()).as(panel.get("title").asString()).isPositive();
			for (JsonNode target : panel.get("targets")) {
				dashboardExprs.add(target.get("expr").asString());
			}
		}
		assertThat(dashboardExprs).hasSizeGreaterThan(10);
		assertSeriesExist("dashboard", dashboardExprs, exposed);

		Map<String, Object> rules = new Yaml().load(Files.readString(DEPLOY.resolve("prometheus/alerts.yaml")));
		var alertExprs = new ArrayList<String>();
		var alerts = new TreeSet<String>();
		for (var group : list(rules.get("groups"))) {
			assertThat(group.get("name")).isNotNull();
			for (var rule : list(group.get("rules"))) {
				var name = (String) rule.get("alert");
				assertThat(name).isNotBlank();
				assertThat(alerts.add(name)).as("alert names are unique").isTrue();
				assertThat(rule.get("expr")).as(name).isInstanceOf(String.class);
				assertThat(rule.get("labels")).as(name).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsKey("severity");
				assertThat(rule.get("annotations")).as(name).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsKey("summary");
				if (rule.containsKey("for")) {
					assertThat((String) rule.get("for")).matches("\\d+[smh]");
				}
				alertExprs.add((String) rule.get("expr"));
			}
		}
		assertThat(alerts).contains("TroupePublicationsStuck", "TroupePublicationsLate", "TroupeChannelsNeedReconnect",
				"TroupeBackendDown", "TroupeGenerationQueueGrowing");
		assertSeriesExist("alerts", alertExprs, exposed);
	}

	/** The probes deploy/kustomize gives Kubernetes answer without an account (Spring Boot's probe groups). */
	@Test
	void theProbesTheManifestsUseAnswerAnonymously() throws IOException {
		var deployment = Files.readString(DEPLOY.resolve("kustomize/deployment.yaml"));
		var paths = new TreeSet<String>();
		var m = Pattern.compile("path: (/actuator/health\\S*)").matcher(deployment);
		while (m.find()) {
			paths.add(m.group(1));
		}
		assertThat(paths).contains("/actuator/health/liveness", "/actuator/health/readiness");
		for (var path : paths) {
			var probe = anonymous.get(path);
			assertThat(probe.status()).as(path + ": " + probe).isEqualTo(200);
			assertThat(probe.text()).contains("\"UP\"");
		}
	}

	private static void assertSeriesExist(String where, List<String> exprs, TreeSet<String> exposed) {
		var referenced = new TreeSet<String>();
		for (var expr : exprs) {
			var m = SERIES.matcher(expr);
			while (m.find()) {
				referenced.add(m.group());
			}
		}
		assertThat(referenced).as(where + " queries troupe series").isNotEmpty();
		assertThat(exposed).as(where + ": series missing from /actuator/prometheus").containsAll(referenced);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<Map<String, Object>>) value;
	}

	/** Timers and histograms appear once something was measured: one publication, held once by a rate limit. */
	private void publishOnceWithARateLimit() {
		var characterId = owner.post("/api/v1/characters", Map.of("name", "Charted " + UUID.randomUUID().toString()
			.substring(0, 8), "timeZone", "Europe/Lisbon")).json().get("id").asString();
		var channel = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "fake-social",
				"name", "charted", "settings", Map.of("mode", "ratelimit-once"), "credentials", Map.of("token", "t")))
			.json().get("id").asString();
		var postId = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "charted",
				"channelIds", List.of(channel))).json().get("id").asString();
		assertThat(owner.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
		assertThat(as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
		owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
			.until(() -> owner.get("/api/v1/posts/" + postId).json().get("state").asString().equals("PUBLISHED"));
	}
}
