package dev.troupe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose.yaml, deploy/kustomize/ and the Jib profile: they parse, name the images, ports, volumes and
 * probes Troupe needs, and every TROUPE_* setting they pass is documented in the README's configuration table
 * (a renamed or invented setting would silently do nothing).
 */
class DeployManifestsTests {

	private static final Path ROOT = Path.of("..");
	private static final Pattern SETTING = Pattern.compile("TROUPE_[A-Z0-9_]+");

	@Test
	void composeRunsTroupeOnPostgres17WithOptionalBackendsAndMonitoring() throws IOException {
		var compose = yaml(ROOT.resolve("deploy/compose.yaml"));
		var services = map(compose.get("services"));
		assertThat(services).containsKeys("troupe", "postgres", "minio", "comfyui", "ollama", "prometheus", "grafana");

		var troupe = map(services.get("troupe"));
		assertThat(troupe.get("image")).isEqualTo("troupe:latest");
		assertThat(strings(troupe.get("ports"))).contains("8080:8080");
		assertThat(strings(troupe.get("volumes"))).contains("troupe-data:/data");
		var env = map(troupe.get("environment"));
		assertThat(env.get("TROUPE_DATABASE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/troupe");
		assertThat((String) env.get("TROUPE_MASTER_KEY")).as("no default master key").contains(":?");
		assertThat(map(map(troupe.get("depends_on")).get("postgres")).get("condition")).isEqualTo("service_healthy");
		assertThat(troupe).doesNotContainKey("profiles");
		assertThat((String) env.get("TROUPE_MEDIA_STORE")).as("media in MinIO").contains("s3");
		assertThat(env.get("TROUPE_S3_ENDPOINT")).isEqualTo("http://minio:9000");
		assertThat(env.get("TROUPE_S3_PATH_STYLE")).isEqualTo("true");
		assertThat((String) env.get("TROUPE_S3_SECRET_KEY")).isEqualTo("${MINIO_ROOT_PASSWORD:-change-me-please}");

		var postgres = map(services.get("postgres"));
		assertThat(postgres.get("image")).isEqualTo("postgres:17");
		assertThat(map(postgres.get("environment")).get("POSTGRES_DB")).isEqualTo("troupe");
		assertThat(map(postgres.get("healthcheck")).get("test").toString()).contains("pg_isready");

		for (var optional : List.of("comfyui", "ollama", "prometheus", "grafana")) {
			assertThat(map(services.get(optional)).get("profiles")).as(optional).isInstanceOf(List.class);
		}
		assertThat(strings(map(services.get("comfyui")).get("profiles"))).containsExactly("comfyui");
		assertThat(strings(map(services.get("ollama")).get("profiles"))).containsExactly("ollama");
		assertThat(strings(map(services.get("ollama")).get("ports"))).contains("11434:11434");
		assertThat(strings(map(services.get("prometheus")).get("profiles"))).containsExactly("monitoring");
		assertThat(strings(map(services.get("grafana")).get("profiles"))).containsExactly("monitoring");

		// the monitoring profile mounts files that exist, and Prometheus scrapes with the token
		for (var service : List.of("prometheus", "grafana")) {
			for (var volume : strings(map(services.get(service)).get("volumes"))) {
				if (volume.startsWith("./")) {
					assertThat(ROOT.resolve("deploy").resolve(volume.substring(2, volume.indexOf(':')))).as(volume).exists();
				}
			}
		}
		assertThat(map(map(compose.get("secrets")).get("metrics_token")).get("environment")).isEqualTo("TROUPE_METRICS_TOKEN");
		var prometheus = yaml(ROOT.resolve("deploy/prometheus/prometheus.yml"));
		var scrape = map(((List<?>) prometheus.get("scrape_configs")).get(0));
		assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
		assertThat(map(scrape.get("authorization")).get("credentials_file")).isEqualTo("/run/secrets/metrics_token");
		assertThat(strings(prometheus.get("rule_files"))).contains("/etc/prometheus/alerts.yaml");
		var dashboards = yaml(ROOT.resolve("deploy/grafana/provisioning/dashboards/troupe.yaml"));
		assertThat(map(map(((List<?>) dashboards.get("providers")).get(0)).get("options")).get("path"))
			.isEqualTo("/var/lib/grafana/dashboards");
	}

	@Test
	void kustomizeDeploysWebAndWorkerPodsNonRootWithProbesResourcesAnExternalDatabaseAndAWorkerAutoscaler()
			throws IOException {
		var kustomization = yaml(ROOT.resolve("deploy/kustomize/kustomization.yaml"));
		var kinds = new TreeSet<String>();
		var deployments = new TreeMap<String, Map<String, Object>>();
		Map<String, Object> service = null;
		Map<String, Object> autoscaler = null;
		for (var resource : strings(kustomization.get("resources"))) {
			var manifest = yaml(ROOT.resolve("deploy/kustomize").resolve(resource));
			assertThat(manifest.get("apiVersion")).as(resource).isNotNull();
			assertThat(map(manifest.get("metadata")).get("name")).as(resource).isNotNull();
			kinds.add((String) manifest.get("kind"));
			switch ((String) manifest.get("kind")) {
				case "Deployment" -> deployments.put((String) map(manifest.get("metadata")).get("name"), manifest);
				case "Service" -> service = manifest;
				case "HorizontalPodAutoscaler" -> autoscaler = manifest;
				default -> {
				}
			}
		}
		assertThat(kinds).contains("Deployment", "Service", "PersistentVolumeClaim", "HorizontalPodAutoscaler");
		assertThat(deployments).containsOnlyKeys("troupe", "troupe-worker");

		var roles = new TreeMap<String, Object>();
		for (var deployment : deployments.values()) {
			var name = (String) map(deployment.get("metadata")).get("name");
			var container = checkedPod(kustomization, deployment);
			roles.put(name, env(container).get("TROUPE_ROLES"));
		}
		assertThat(roles).containsEntry("troupe", "web").containsEntry("troupe-worker", "worker");

		// the Service reaches the web pods and never a worker (which answers 404 to everything but health)
		var selector = map(map(service.get("spec")).get("selector"));
		assertThat(labels(deployments.get("troupe"))).containsAllEntriesOf(selector);
		assertThat(labels(deployments.get("troupe-worker")).entrySet().containsAll(selector.entrySet()))
			.as("workers are not behind the Service").isFalse();

		// the autoscaler scales the workers on CPU, and the worker Deployment leaves the replica count to it
		assertThat(autoscaler.get("apiVersion")).isEqualTo("autoscaling/v2");
		var hpa = map(autoscaler.get("spec"));
		var target = map(hpa.get("scaleTargetRef"));
		assertThat(target).containsEntry("kind", "Deployment").containsEntry("name", "troupe-worker")
			.containsEntry("apiVersion", "apps/v1");
		assertThat((Integer) hpa.get("minReplicas")).isPositive().isLessThanOrEqualTo((Integer) hpa.get("maxReplicas"));
		var metric = map(((List<?>) hpa.get("metrics")).get(0));
		assertThat(metric.get("type")).isEqualTo("Resource");
		assertThat(map(metric.get("resource")).get("name")).isEqualTo("cpu");
		assertThat(map(deployments.get("troupe-worker").get("spec"))).doesNotContainKey("replicas");

		// several pods mount the media folder
		var pvc = yaml(ROOT.resolve("deploy/kustomize/pvc.yaml"));
		assertThat(strings(map(pvc.get("spec")).get("accessModes"))).containsExactly("ReadWriteMany");
	}

	/** A non-root pod with Troupe's probes, resources, the database and key secrets and /data; its container. */
	private static Map<String, Object> checkedPod(Map<String, Object> kustomization, Map<String, Object> deployment) {
		var spec = map(deployment.get("spec"));
		var labels = map(map(spec.get("selector")).get("matchLabels"));
		var pod = map(spec.get("template"));
		assertThat(map(map(pod.get("metadata")).get("labels"))).containsAllEntriesOf(labels);
		var podSpec = map(pod.get("spec"));
		assertThat(map(podSpec.get("securityContext")).get("runAsNonRoot")).isEqualTo(true);
		var container = map(((List<?>) podSpec.get("containers")).get(0));
		assertThat(container.get("image")).isEqualTo(map(((List<?>) kustomization.get("images")).get(0)).get("name"));
		var port = map(((List<?>) container.get("ports")).get(0));
		assertThat(port.get("containerPort")).isEqualTo(8080);
		assertThat(probe(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
		assertThat(probe(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
		assertThat(probe(container, "startupProbe")).isEqualTo("/actuator/health/liveness");
		var resources = map(container.get("resources"));
		assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
		assertThat(map(resources.get("limits"))).containsKey("memory");

		var fromSecret = new TreeSet<String>();
		for (var e : (List<?>) container.get("env")) {
			var entry = map(e);
			if (entry.get("valueFrom") != null) {
				var ref = map(map(entry.get("valueFrom")).get("secretKeyRef"));
				fromSecret.add(entry.get("name") + "=" + ref.get("name") + "/" + ref.get("key"));
			}
		}
		assertThat(fromSecret).contains("TROUPE_DATABASE_URL=troupe-database/url",
				"TROUPE_DATABASE_USER=troupe-database/user", "TROUPE_DATABASE_PASSWORD=troupe-database/password",
				"TROUPE_MASTER_KEY=troupe-secrets/master-key");
		var mounts = strings(((List<?>) container.get("volumeMounts")).stream().map(m -> map(m).get("mountPath")).toList());
		assertThat(mounts).contains("/data");
		return container;
	}

	private static Map<String, Object> labels(Map<String, Object> deployment) {
		return map(map(map(map(deployment.get("spec")).get("template")).get("metadata")).get("labels"));
	}

	private static Map<String, Object> env(Map<String, Object> container) {
		var values = new TreeMap<String, Object>();
		for (var e : (List<?>) container.get("env")) {
			values.put((String) map(e).get("name"), map(e).get("value"));
		}
		return values;
	}

	@Test
	void everyTroupeSettingTheManifestsUseIsDocumented() throws IOException {
		var documented = new TreeSet<String>();
		for (var line : Files.readAllLines(ROOT.resolve("README.md"))) {
			if (line.startsWith("| `TROUPE_")) {
				var m = SETTING.matcher(line.substring(0, line.indexOf('|', 1)));
				while (m.find()) {
					documented.add(m.group());
				}
			}
		}
		assertThat(documented).contains("TROUPE_PORT", "TROUPE_METRICS_TOKEN");
		var used = new TreeSet<String>();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(ROOT.resolve("deploy"))) {
			files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList();
		}
		var texts = new ArrayList<String>();
		for (var file : files) {
			texts.add(Files.readString(file));
		}
		// the image's environment (the rest of the pom is build configuration, e.g. the tests' TROUPE_WEB_DIR)
		var pom = Files.readString(ROOT.resolve("server/pom.xml"));
		var profile = pom.indexOf("<id>image</id>");
		texts.add(pom.substring(profile, pom.indexOf("</profile>", profile)));
		for (var text : texts) {
			var m = SETTING.matcher(text);
			while (m.find()) {
				used.add(m.group());
			}
		}
		assertThat(used).contains("TROUPE_DATABASE_URL", "TROUPE_MASTER_KEY", "TROUPE_METRICS_TOKEN", "TROUPE_DATA_DIR");
		assertThat(documented).as("TROUPE_* settings in deploy/ and the image missing from the README table")
			.containsAll(used);
	}

	@Test
	void theImageProfileBuildsANonRootImageWithADataVolumeOutsideTheDefaultBuild() throws Exception {
		var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("server/pom.xml").toFile());
		var profiles = pom.getElementsByTagName("profile");
		Element image = null;
		for (int i = 0; i < profiles.getLength(); i++) {
			var profile = (Element) profiles.item(i);
			if ("image".equals(text(profile, "id"))) {
				image = profile;
			}
		}
		assertThat(image).as("a Maven profile 'image'").isNotNull();
		assertThat(image.getElementsByTagName("activation").getLength()).as("never active by default").isZero();
		assertThat(text(image, "artifactId")).isEqualTo("jib-maven-plugin");
		assertThat(text(image, "version")).isEqualTo("3.5.2");
		assertThat(text(image, "goal")).isEqualTo("buildTar");
		var user = text(image, "user");
		assertThat(user).isNotBlank().doesNotStartWith("0").doesNotStartWith("root");
		assertThat(text(image, "volume")).isEqualTo("/data");
		assertThat(text(image, "port")).isEqualTo("8080");
		assertThat(text(image, "org.opencontainers.image.title")).isEqualTo("Troupe");
		assertThat(text(image, "mainClass")).as("MediaMigration has a main too").isEqualTo("dev.troupe.Troupe");
		// the base is made by deploy/image/base.sh (espeak-ng, fonts, user 1000, the health check; ADR 0045)
		assertThat(text(image, "troupe.image.base")).startsWith("tar://").endsWith("/image-base/troupe-base.tar");
		var base = ROOT.resolve("deploy/image/base.sh");
		assertThat(Files.isExecutable(base)).as("deploy/image/base.sh is executable").isTrue();
		assertThat(Files.readString(base)).contains("espeak-ng", "fonts-dejavu-core", "Healthcheck",
				"troupe:x:1000:0:");
		// the plugin appears nowhere outside the profiles: the default build never needs a registry
		var build = (Element) pom.getDocumentElement().getElementsByTagName("build").item(0);
		assertThat(build.getParentNode()).isEqualTo(pom.getDocumentElement());
		assertThat(build.getTextContent()).doesNotContain("jib");
		assertThat(Files.readString(ROOT.resolve("troupe"))).contains("image)").contains("-Pimage");
	}

	private static String probe(Map<String, Object> container, String name) {
		return (String) map(map(container.get(name)).get("httpGet")).get("path");
	}

	private static String text(Element parent, String tag) {
		var nodes = parent.getElementsByTagName(tag);
		return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		assertThat(file).exists();
		return new Yaml().load(Files.readString(file));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static List<String> strings(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return ((List<?>) value).stream().map(String::valueOf).toList();
	}
}
