package dev.troupe.generation.backend.llamacpp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.BackendHealth;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.TextTask;
import dev.troupe.generation.spi.Modality;
import dev.troupe.generation.spi.Progress;
import dev.troupe.generation.spi.ProgressListener;
import dev.troupe.generation.spi.RemoteJob;

/**
 * Text generation inside the Troupe process with llama.cpp (de.kherud:llama), for machines with no AI server.
 * The model is a GGUF file: option {@code model} (local path or http(s) URL with {@code sha256}), or a
 * {@code file:} base URL. A URL is downloaded on first use; the model is loaded on first use and kept until
 * {@link #close()}. There is no remote queue, so {@link #submit} only validates and {@link #await} does the work;
 * after a restart the stored handle simply runs again.
 */
final class LlamaCppBackend implements GenerationBackend {

	static final String TYPE = "llamacpp";

	private static final Logger log = LoggerFactory.getLogger(LlamaCppBackend.class);

	private final BackendConfig config;

	private final ModelSource source;

	private final ModelDownloader downloader;

	private final int contextSize;

	private final Integer threads;

	private final boolean verbose;

	private final Object loadLock = new Object();

	private volatile LlamaModel model;

	/** Remote ids of jobs asked to stop; the generating thread checks between tokens. */
	private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

	LlamaCppBackend(BackendConfig config, Path defaultModelDir, ModelDownloader downloader) {
		this.config = config;
		this.source = ModelSource.of(config, defaultModelDir);
		this.downloader = downloader;
		this.contextSize = intOption("contextSize", 2048);
		this.threads = config.option("threads", null) == null ? null : intOption("threads", 0);
		this.verbose = Boolean.parseBoolean(config.option("verbose", "false"));
	}

	private int intOption(String name, int fallback) {
		try {
			return Integer.parseInt(config.option(name, String.valueOf(fallback)).trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"Backend " + config.id() + ": option " + name + " must be a whole number, got " + config.option(name, ""));
		}
	}

	@Override
	public BackendConfig config() {
		return config;
	}

	@Override
	public Set<Modality> modalities() {
		return Set.of(Modality.TEXT);
	}

	@Override
	public BackendHealth check() {
		var problem = configurationProblem();
		if (problem != null) {
			return BackendHealth.down(problem);
		}
		var name = source.file().getFileName().toString();
		if (source.remote() && !Files.isRegularFile(source.file())) {
			// Not downloaded yet: only make sure the URL answers; the download happens on first use.
			var why = downloader.probe(source.url());
			return why == null ? health(name, "not downloaded yet")
					: BackendHealth.down("The model URL " + source.url() + " does not answer: " + why);
		}
		var notGguf = notGguf(source.file());
		return notGguf == null ? health(name, model == null ? "not loaded yet" : "loaded") : BackendHealth.down(notGguf);
	}

	private static BackendHealth health(String modelName, String state) {
		return new BackendHealth(true, "llama.cpp (embedded, model " + state + ")", List.of(modelName), List.of(),
				null, null);
	}

	@Override
	public RemoteJob submit(GenerationTask task) throws BackendException {
		var text = textTask(task);
		if (text.userPrompt() == null || text.userPrompt().isBlank()) {
			throw new BackendException(Kind.REJECTED_INPUT, "The text task for job " + task.jobId()
					+ " has an empty user prompt; llama.cpp needs something to answer.");
		}
		if (text.jsonSchema() != null) {
			JsonGrammar.forSchema(text.jsonSchema()); // refuse a broken schema now, not mid-job
		}
		return new RemoteJob(config.id(), task.jobId().toString(), null);
	}

	@Override
	public GenerationResult await(RemoteJob job, GenerationTask task, ProgressListener progress, Duration timeout)
			throws BackendException {
		var text = textTask(task);
		var id = job.remoteId() == null ? task.jobId().toString() : job.remoteId();
		try {
			double generationStart = ensureModelFile(progress);
			var llama = loaded();
			return new Generation(llama, text, contextSize, () -> cancelled.contains(id), timeout)
				.run(progress, generationStart, source.file().getFileName().toString());
		}
		finally {
			cancelled.remove(id);
		}
	}

	@Override
	public void cancel(RemoteJob job) {
		if (job.remoteId() != null) {
			cancelled.add(job.remoteId());
		}
	}

	@Override
	public void close() {
		synchronized (loadLock) {
			if (model != null) {
				model.close();
				model = null;
			}
		}
	}

	private static TextTask textTask(GenerationTask task) throws BackendException {
		if (task instanceof TextTask text) {
			return text;
		}
		throw new BackendException(Kind.REJECTED_INPUT,
				"The embedded llama.cpp backend only generates text, not " + task.modality());
	}

	/** Why this backend cannot work as configured, in words for the user; null when the settings are complete. */
	private String configurationProblem() {
		if (!source.configuredAtAll()) {
			return "Backend " + config.id() + " has no model: set option model to a GGUF file path or URL";
		}
		if (source.remote() && source.sha256() == null) {
			return "Backend " + config.id() + " downloads " + source.url()
					+ " but has no sha256 option; set it to the file's SHA-256 so a wrong download is caught";
		}
		if (!source.remote() && !Files.isRegularFile(source.file())) {
			return "The model file " + source.describe() + " does not exist";
		}
		return null;
	}

	/**
	 * Makes sure the model file is on disk, downloading it if needed, and returns where generation progress starts:
	 * 0, or 0.5 when the first half of the progress bar was spent downloading.
	 */
	private double ensureModelFile(ProgressListener progress) throws BackendException {
		var problem = configurationProblem();
		if (problem != null) {
			var missingFile = source.configuredAtAll() && !source.remote();
			throw new BackendException(missingFile ? Kind.UNREACHABLE : Kind.REJECTED_INPUT, problem);
		}
		if (!source.remote() || model != null) {
			return 0;
		}
		var downloaded = new AtomicBoolean();
		downloader.download(source.url(), source.sha256(), source.file(), (bytes, total) -> {
			downloaded.set(true);
			double fraction = total > 0 ? 0.5 * bytes / total : 0;
			progress.progress(new Progress(fraction, (int) (bytes >> 20), total > 0 ? (int) (total >> 20) : null,
					"downloading " + source.file().getFileName() + " (MiB)", null));
		});
		return downloaded.get() ? 0.5 : 0;
	}

	/** The loaded model, loading it on first use; concurrent first calls load it once. */
	private LlamaModel loaded() throws BackendException {
		var current = model;
		if (current != null) {
			return current;
		}
		synchronized (loadLock) {
			if (model == null) {
				model = load();
			}
			return model;
		}
	}

	private LlamaModel load() throws BackendException {
		var notGguf = notGguf(source.file());
		if (notGguf != null) {
			throw new BackendException(Kind.REJECTED_INPUT, notGguf);
		}
		var parameters = new ModelParameters().setModel(source.file().toString()).setCtxSize(contextSize);
		if (!verbose) {
			// llama.cpp's server loop writes several stderr lines per request. Routing them to SLF4J with
			// LlamaModel.setLogger is not an option: it attaches llama.cpp's worker thread to the JVM as a
			// non-daemon thread that outlives close() and keeps the JVM from exiting. Load errors still reach stderr.
			parameters.disableLog();
		}
		if (threads != null) {
			parameters.setThreads(threads);
		}
		long start = System.nanoTime();
		try {
			var loaded = new LlamaModel(parameters);
			log.info("Backend {} loaded {} in {} ms", config.id(), source.file(), (System.nanoTime() - start) / 1_000_000);
			return loaded;
		}
		catch (RuntimeException ex) {
			throw new BackendException(Kind.REJECTED_INPUT, "llama.cpp could not load the model " + source.describe()
					+ ": " + ex.getMessage() + " (llama.cpp's reason is in the server's stderr log)", ex);
		}
	}

	/** Checks the magic bytes, so a wrong file gets a clear message instead of llama.cpp's generic one. */
	private String notGguf(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			var magic = new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
			return "GGUF".equals(magic) ? null
					: "The model file " + source.describe() + " is not a GGUF file (llama.cpp needs .gguf models)";
		}
		catch (IOException ex) {
			return "The model file " + source.describe() + " cannot be read: " + ex.getMessage();
		}
	}

	/** One generation run: prompt, sampling parameters, token streaming with progress, timeout and cancel. */
	private record Generation(LlamaModel model, TextTask task, int contextSize, java.util.function.BooleanSupplier cancelled,
			Duration timeout) {

		GenerationResult run(ProgressListener progress, double start, String modelName) throws BackendException {
			var prompt = prompt();
			int promptTokens = model.encode(prompt).length;
			if (promptTokens >= contextSize) {
				throw new BackendException(Kind.REJECTED_INPUT, "The prompt is " + promptTokens
						+ " tokens but the context holds " + contextSize + "; shorten it or raise option contextSize");
			}
			// maxTokens <= 0 means "as long as the context allows".
			int limit = task.maxTokens() > 0 ? task.maxTokens() : contextSize - promptTokens;
			var parameters = new InferenceParameters(prompt).setNPredict(limit)
				.setTemperature((float) task.temperature());
			if (task.jsonSchema() != null) {
				parameters.setGrammar(JsonGrammar.forSchema(task.jsonSchema()));
			}
			long deadline = System.nanoTime() + timeout.toNanos();
			var answer = new StringBuilder();
			int tokens = 0;
			progress.progress(Progress.of(start));
			var iterator = model.generate(parameters).iterator();
			while (iterator.hasNext()) {
				answer.append(iterator.next().text);
				tokens++;
				progress.progress(new Progress(start + (1 - start) * Math.min(1, (double) tokens / limit), tokens,
						limit, "generating", null));
				if (cancelled.getAsBoolean()) {
					iterator.cancel();
					throw new BackendException(Kind.CANCELLED, "Generation was cancelled after " + tokens + " tokens");
				}
				if (System.nanoTime() > deadline) {
					iterator.cancel();
					throw new BackendException(Kind.TIMEOUT,
							"llama.cpp did not finish within " + timeout.toSeconds() + " s (" + tokens + " tokens so far)");
				}
			}
			var recipe = new LinkedHashMap<String, Object>();
			recipe.put("backend", TYPE);
			recipe.put("model", modelName);
			recipe.put("promptTokens", promptTokens);
			recipe.put("tokens", tokens);
			recipe.put("temperature", task.temperature());
			var text = task.jsonSchema() == null ? answer.toString() : answer.toString().strip();
			return new GenerationResult(List.of(), text, recipe);
		}

		/** The model's own chat template (llama.cpp falls back to ChatML when the GGUF has none). */
		private String prompt() {
			var messages = new InferenceParameters("").setMessages(task.systemPrompt(),
					List.of(new Pair<>("user", task.userPrompt())));
			return model.applyTemplate(messages);
		}
	}
}
