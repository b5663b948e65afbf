package dev.troupe.generation.backend.text;

import dev.troupe.generation.spi.Progress;
import dev.troupe.generation.spi.ProgressListener;

/**
 * Turns "tokens streamed so far" into progress. Servers do not say how long an answer will be, so the fraction is
 * tokens / max tokens, capped below 1 because only a validated answer is done. Reports are throttled to whole
 * percents: a stream delivers one chunk per token and listeners persist or broadcast each report.
 */
public final class TokenProgress {

	/** Budget assumed when the task sets no max tokens, only to make the bar move. */
	static final int ASSUMED_BUDGET = 1024;

	private static final double CAP = 0.99;

	private final ProgressListener listener;
	private final int maxTokens;
	private final Integer total;
	private final double start;
	private final String label;
	private double last = -1;

	TokenProgress(ProgressListener listener, int maxTokens, double start, String label) {
		this.listener = listener;
		this.maxTokens = maxTokens > 0 ? maxTokens : ASSUMED_BUDGET;
		this.total = maxTokens > 0 ? maxTokens : null;
		this.start = start;
		this.label = label;
	}

	public void tokens(int count) {
		// a retry continues from where the first attempt stopped, so the reported fractions never go back
		double own = Math.min(CAP, (double) count / maxTokens);
		double fraction = Math.min(CAP, start + (1 - start) * own);
		if (last < 0 || Math.floor(fraction * 100) > Math.floor(last * 100)) {
			last = fraction;
			listener.progress(new Progress(fraction, count, total, label, null));
		}
	}

	double last() {
		return Math.max(last, start);
	}
}
