/**
 * Embedded llama.cpp text generation (de.kherud:llama, natives inside the jar): works with no AI server at all.
 * Backend type {@code llamacpp}, modality TEXT. Options:
 * <ul>
 * <li>{@code model}: a GGUF file path ({@code file:} URI accepted) or an http(s) URL. When absent, a {@code file:}
 * base URL is used instead ({@code baseUrl: file:///models/qwen.gguf}); any other base URL is ignored.</li>
 * <li>{@code sha256}: required with a URL; the download is verified and deleted on mismatch.</li>
 * <li>{@code modelDir}: where downloads go, default {@code <troupe.data-dir>/models}.</li>
 * <li>{@code contextSize}: tokens of context, default 2048; longer prompts are refused.</li>
 * <li>{@code threads}: CPU threads, default llama.cpp's choice.</li>
 * <li>{@code verbose}: {@code true} keeps llama.cpp's own per-request log on stderr.</li>
 * </ul>
 * A missing model file is UNREACHABLE (another backend may have it); a file llama.cpp cannot load, an empty
 * prompt, a prompt longer than the context or a broken JSON schema is REJECTED_INPUT.
 */
package dev.troupe.generation.backend.llamacpp;
