package dev.troupe.generation.backend.text;

import java.util.List;

import dev.troupe.generation.spi.BackendException;

/** One streamed chat request to a server; {@code progress} takes the fraction of the token budget used (0..1). */
@FunctionalInterface
public interface ChatAttempt {

	ChatAnswer complete(List<ChatMessage> messages, TokenProgress progress) throws BackendException;
}
