package dev.troupe.generation.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class CaptionChecksTests {

	private static final ToIntFunction<String> CODE_POINTS = s -> s.codePointCount(0, s.length());
	private static final CaptionLimit LIMIT = new CaptionLimit(null, 280, CODE_POINTS);

	private static final Logger log = LoggerFactory.getLogger(CaptionChecksTests.class);

	static final CaptionChecks checks = new CaptionChecks();

	@BeforeAll
	static void loadTheModelOnceAndMeasure() {
		long start = System.nanoTime();
		checks.embed("warm up");
		long load = System.nanoTime() - start;
		start = System.nanoTime();
		int n = 50;
		for (int i = 0; i < n; i++) {
			checks.embed("Caption number " + i + ": sunset over the harbour, boats coming home with the tide.");
		}
		long perCaption = (System.nanoTime() - start) / n;
		log.info("MiniLM model load + first embedding: {} ms; per caption afterwards: {} us", load / 1_000_000,
				perCaption / 1_000);
	}

	@Test
	void aBannedWordIsFoundAsAWholeWordOnly() {
		List<String> banned = List.of("crypto", "ass", "Straße");

		CaptionReport hit = checks.check("New CRYPTO drop tonight!", LIMIT, banned, List.of());
		CaptionReport inside = checks.check("First class cryptography lecture.", LIMIT, banned, List.of());
		CaptionReport unicode = checks.check("Wir wohnen in der STRASSE? Nein, in der straße.", LIMIT, banned, List.of());

		assertThat(hit.flags()).containsExactly("banned word: \"crypto\"");
		assertThat(inside.flags()).isEmpty();
		assertThat(unicode.flags()).containsExactly("banned word: \"Straße\"");
	}

	@Test
	void anOverLongCaptionIsFlagged() {
		String text = "a".repeat(412);

		assertThat(checks.check(text, LIMIT, List.of(), List.of()).flags()).containsExactly("412 characters, the limit is 280");
		assertThat(checks.check(text, new CaptionLimit("x", 280, CODE_POINTS), List.of(), List.of()).flags())
			.containsExactly("412 characters, the limit for x is 280");
		// The platform's own counter decides: an emoji is one code point, not two UTF-16 units.
		assertThat(checks.check("🌅".repeat(280), LIMIT, List.of(), List.of()).passed()).isTrue();
		assertThat(checks.check("🌅".repeat(280), new CaptionLimit(null, 280, String::length), List.of(), List.of())
			.flags()).containsExactly("560 characters, the limit is 280");
		assertThat(checks.check(text, null, List.of(), List.of()).passed()).as("no limit, no length check").isTrue();
	}

	@Test
	void aParaphraseOfAnEarlierCaptionIsANearDuplicate() {
		float[] earlier = checks.embed("Sunset over Lisbon, golden light on the river");

		CaptionReport report = checks.check("Golden light on the river at sunset in Lisbon", LIMIT, List.of(), List.of(earlier));

		log.info("paraphrase similarity {}", CaptionChecks.cosine(earlier, report.embedding()));
		assertThat(report.flags()).singleElement().asString().startsWith("near-duplicate of an earlier caption");
		assertThat(report.embedding()).hasSize(384);
	}

	@Test
	void anUnrelatedCaptionIsNotFlagged() {
		float[] earlier = checks.embed("Sunset over Lisbon, golden light on the river");

		CaptionReport report = checks.check("My new sourdough recipe needs three days of patience", LIMIT, List.of(),
				List.of(earlier, new float[12]));

		log.info("unrelated similarity {}", CaptionChecks.cosine(earlier, report.embedding()));
		assertThat(report.passed()).isTrue();
	}

	@Test
	void anEmptyCaptionIsFlagged() {
		assertThat(checks.check("  ", LIMIT, List.of(), List.of()).flags()).containsExactly("empty caption");
	}

	@Test
	void embeddingIsThreadSafe() throws Exception {
		float[] expected = checks.embed("Morning coffee by the window");
		var pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<float[]>> results = pool.invokeAll(java.util.Collections.nCopies(8,
					() -> checks.embed("Morning coffee by the window")));
			for (Future<float[]> result : results) {
				assertThat(result.get()).containsExactly(expected);
			}
		}
		finally {
			pool.shutdown();
		}
	}
}
