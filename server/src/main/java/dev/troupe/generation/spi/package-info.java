/**
 * The seam to AI servers: one {@link dev.troupe.generation.spi.GenerationBackend} adapter per kind of server
 * (ComfyUI, Automatic1111, Ollama, OpenAI-compatible, llama.cpp, XTTS, espeak-ng), many instances from
 * configuration. Generic generation code only ever sees these types.
 */
@org.springframework.modulith.NamedInterface("spi")
package dev.troupe.generation.spi;
