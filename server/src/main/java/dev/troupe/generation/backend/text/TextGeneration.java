package dev.troupe.generation.backend.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask.TextTask;
import dev.troupe.generation.spi.Progress;
import dev.troupe.generation.spi.ProgressListener;

/**
 * Runs a text task the same way on every chat server: system + user messages, and when a JSON schema was asked
 * for, one corrective retry if the answer does not parse. One retry because a model that fails twice with the
 * error quoted back usually cannot do the schema at all (too small, or too few tokens), and a third call only
 * costs time.
 */
public final class TextGeneration {

	public static final int ATTEMPTS = 2;

	private TextGeneration() {
	}

	public static GenerationResult run(TextTask task, ChatAttempt attempt, ProgressListener listener)
			throws BackendException {
		var output = StructuredOutput.of(task.jsonSchema());
		var messages = new ArrayList<ChatMessage>();
		if (task.systemPrompt() != null && !task.systemPrompt().isBlank()) {
			messages.add(ChatMessage.system(task.systemPrompt()));
		}
		messages.add(ChatMessage.user(task.userPrompt() == null ? "" : task.userPrompt()));

		var progress = new TokenProgress(listener, task.maxTokens(), 0, null);
		progress.tokens(0);
		var answer = attempt.complete(List.copyOf(messages), progress);
		if (!output.requested()) {
			return done(answer.text(), answer, 1, listener);
		}
		String firstError;
		try {
			return done(output.extract(answer.text()), answer, 1, listener);
		}
		catch (StructuredOutput.InvalidAnswer e) {
			firstError = answer.truncated() ? e.getMessage() + " (you ran out of tokens: answer more briefly)"
					: e.getMessage();
		}

		// the model sees its own broken answer and why it was refused, which fixes most fences and truncations
		messages.add(ChatMessage.assistant(answer.text()));
		messages.add(ChatMessage.user(output.retryPrompt(firstError)));
		var retry = new TokenProgress(listener, task.maxTokens(), progress.last(), "retrying for valid JSON");
		retry.tokens(0);
		var second = attempt.complete(List.copyOf(messages), retry);
		try {
			return done(output.extract(second.text()), second, ATTEMPTS, listener);
		}
		catch (StructuredOutput.InvalidAnswer e) {
			throw new BackendException(Kind.INVALID_OUTPUT,
					"The model's answer was not valid JSON for the requested schema after " + ATTEMPTS
							+ " attempts: " + explain(e, second, task) + "; first 200 chars: "
							+ StructuredOutput.abbreviate(second.text(), 200));
		}
	}

	private static String explain(StructuredOutput.InvalidAnswer e, ChatAnswer answer, TextTask task) {
		return answer.truncated() ? e.getMessage() + " (the answer was cut off at the " + task.maxTokens()
				+ "-token limit; raise max tokens or shorten the schema)" : e.getMessage();
	}

	private static GenerationResult done(String text, ChatAnswer answer, int attempts, ProgressListener listener) {
		var recipe = new HashMap<>(answer.recipe());
		recipe.put("attempts", attempts);
		listener.progress(Progress.of(1.0));
		return new GenerationResult(List.of(), text, recipe);
	}
}
