package dev.troupe.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendHealth;
import dev.troupe.generation.spi.BackendTypeDescriptor;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;
import dev.troupe.generation.spi.Modality;
import dev.troupe.security.SecretCipher;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * The live backend instances of this node: built from configuration and from the dashboard's stored backends
 * by the adapter factory of their type, with their last health check. A backend that just failed is
 * rested for a while so the next attempt goes to another one.
 */
@Component
class BackendRegistry {

	private static final Logger log = LoggerFactory.getLogger(BackendRegistry.class);
	private static final Duration REST_AFTER_FAILURE = Duration.ofSeconds(30);
	static final Duration REFRESH_AFTER = Duration.ofSeconds(2);

	private final Map<String, GenerationBackendFactory> factories;
	private final GenerationSettings settings;
	private final Backends stored;
	private final SecretCipher cipher;
	private final Map<String, Live> live = new ConcurrentHashMap<>();
	private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
		var thread = new Thread(r, "backend-health");
		thread.setDaemon(true);
		return thread;
	});

	private final GenerationMetrics metrics;
	private volatile long reloadedAt = System.nanoTime();
	private final Set<String> reportedUnknown = ConcurrentHashMap.newKeySet();

	BackendRegistry(List<GenerationBackendFactory> factories, GenerationSettings settings, Backends stored,
			SecretCipher cipher, GenerationMetrics metrics) {
		this.metrics = metrics;
		this.factories = factories.stream().collect(Collectors.toMap(GenerationBackendFactory::type, Function.identity()));
		this.settings = settings;
		this.stored = stored;
		this.cipher = cipher;
	}

	/** A backend as this node knows it. {@code source} is "config" or "api". */
	record Live(BackendConfig config, String source, GenerationBackend backend, BackendHealth health,
			Instant checkedAt, Instant restUntil) {

		Live withHealth(BackendHealth health) {
			return new Live(config, source, backend, health, Instant.now(), restUntil);
		}

		Live resting(Instant until, String reason) {
			return new Live(config, source, backend, BackendHealth.down(reason), Instant.now(), until);
		}

		boolean resting() {
			return restUntil != null && Instant.now().isBefore(restUntil);
		}
	}

	Iterable<String> types() {
		return factories.keySet();
	}

	boolean knowsType(String type) {
		return factories.containsKey(type);
	}

	/** What each kind of backend this server has looks like, by type. */
	List<BackendTypeDescriptor> descriptors() {
		return factories.values().stream().map(GenerationBackendFactory::descriptor)
			.sorted(Comparator.comparing(BackendTypeDescriptor::type)).toList();
	}

	Optional<BackendTypeDescriptor> descriptor(String type) {
		return Optional.ofNullable(factories.get(type)).map(GenerationBackendFactory::descriptor);
	}

	/** The type's options that only the configuration file may set (see the factory). */
	Set<String> configFileOnlyOptions(String type) {
		var factory = factories.get(type);
		return factory == null ? Set.of() : factory.configFileOnlyOptions();
	}

	/** Rebuilds the live set from configuration and the stored rows; an unchanged backend keeps its instance. */
	synchronized void reload() {
		var wanted = new ArrayList<Wanted>();
		for (var d : settings.backends()) {
			wanted.add(new Wanted(new BackendConfig(d.id(), d.type(), d.baseUrl(), d.apiKey(), d.maxConcurrent(), d.enabled(),
					d.options()), "config"));
		}
		for (var row : stored.all()) {
			if (wanted.stream().noneMatch(w -> w.config().id().equals(row.id()))) {
				var key = row.apiKeyCipher() == null ? null : cipher.decrypt(row.apiKeyCipher());
				// a row saved before these options were refused must not use them either
				var options = new HashMap<>(row.options());
				options.keySet().removeAll(configFileOnlyOptions(row.type()));
				wanted.add(new Wanted(new BackendConfig(row.id(), row.type(), row.baseUrl(), key, row.maxConcurrent(),
						row.enabled(), options), "api"));
			}
		}
		var previous = Map.copyOf(live);
		var next = new HashMap<String, Live>();
		for (var w : wanted) {
			var old = previous.get(w.config().id());
			var kept = old != null && old.config().equals(w.config()) ? old : build(w.config(), w.source());
			if (kept != null) {
				next.put(w.config().id(), kept);
			}
		}
		live.keySet().retainAll(next.keySet());
		live.putAll(next);
		previous.forEach((id, old) -> {
			if (live.get(id) != old) {
				old.backend().close();
			}
		});
		reloadedAt = System.nanoTime();
	}

	private record Wanted(BackendConfig config, String source) {
	}

	/**
	 * Another node may have added, changed or removed a stored backend (System → Backends is served by any web
	 * node): re-read the rows when the last read is older than {@link #REFRESH_AFTER}, so every node works from
	 * the database rather than from what it was told itself.
	 */
	private void refreshIfStale() {
		if (System.nanoTime() - reloadedAt > REFRESH_AFTER.toNanos()) {
			try {
				reload();
			}
			catch (RuntimeException e) {
				// the database may be restarting; the last known set stays in use
				log.debug("Re-reading the stored backends failed ({})", e.getClass().getSimpleName());
			}
		}
	}

	private Live build(BackendConfig config, String source) {
		var factory = factories.get(config.type());
		if (factory == null) {
			if (!reportedUnknown.add(config.id() + "/" + config.type())) {
				return null; // said once; the rows are re-read every few seconds
			}
			log.error("Backend '{}' has unknown type '{}' (known: {}); it is ignored", config.id(), config.type(),
					factories.keySet());
			return null;
		}
		return new Live(config, source, factory.create(config), null, null, null);
	}

	List<Live> all() {
		refreshIfStale();
		return live.values().stream().sorted(Comparator.comparing(l -> l.config().id())).toList();
	}

	Optional<Live> get(String id) {
		refreshIfStale();
		return Optional.ofNullable(live.get(id));
	}

	/** Enabled, not resting backends that produce the modality, least loaded first is left to the caller. */
	List<Live> candidates(Modality modality) {
		return all().stream()
			.filter(l -> l.config().enabled() && !l.resting() && l.backend().modalities().contains(modality))
			.filter(l -> l.health() == null || l.health().reachable())
			.toList();
	}

	BackendHealth check(String id) {
		var current = live.get(id);
		if (current == null) {
			return BackendHealth.down("No backend " + id);
		}
		var health = current.backend().check();
		live.computeIfPresent(id, (k, l) -> l.backend() == current.backend() ? l.withHealth(health) : l);
		return health;
	}

	void rest(String id, String reason) {
		live.computeIfPresent(id, (k, l) -> l.resting(Instant.now().plus(REST_AFTER_FAILURE), reason));
	}

	/** Loaded before the scheduler starts, so a job resumed right after a restart finds its backend. */
	@PostConstruct
	void load() {
		reload();
	}

	@EventListener(ApplicationReadyEvent.class)
	void startHealthChecks() {
		var every = settings.healthInterval().toMillis();
		checker.scheduleWithFixedDelay(this::checkAll, 0, every, TimeUnit.MILLISECONDS);
	}

	private void checkAll() {
		for (var l : all()) {
			try {
				check(l.config().id());
			}
			catch (RuntimeException e) {
				log.warn("Health check of backend {} failed", l.config().id(), e);
			}
		}
		try {
			metrics.backends(all());
		}
		catch (RuntimeException e) {
			log.warn("Updating the backend meters failed ({})", e.getClass().getSimpleName());
		}
	}

	@PreDestroy
	void stop() {
		checker.shutdownNow();
		live.values().forEach(l -> l.backend().close());
	}
}
