package dev.troupe.publishing.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCountingTests {

	private static final String FAMILY = "👩‍👩‍👧"; // 5 code points, 8 UTF-16 units, 18 UTF-8 bytes, one grapheme
	private static final String URL = "https://example.com/a/very/long/path?with=query&and=more";

	@Test
	void graphemesCountWhatAReaderSeesAsOneCharacter() {
		assertThat(TextCounting.GRAPHEMES.count(FAMILY, -1)).isEqualTo(1);
		assertThat(TextCounting.GRAPHEMES.count("🇫🇷e\u0301", -1)).as("flag, e + combining accent").isEqualTo(2);
		assertThat(TextCounting.GRAPHEMES.count("", -1)).isZero();
		assertThat(TextCounting.GRAPHEMES.count(null, -1)).isZero();
	}

	@Test
	void charactersAreCodePoints() {
		assertThat(TextCounting.CHARACTERS.count(FAMILY, -1)).isEqualTo(5);
		assertThat(TextCounting.CHARACTERS.count("🌅".repeat(3), -1)).isEqualTo(3);
	}

	@Test
	void utf8BytesAreTheEncodedLength() {
		assertThat(TextCounting.UTF8_BYTES.count(FAMILY, -1)).isEqualTo(18);
		assertThat(TextCounting.UTF8_BYTES.count("ß", -1)).isEqualTo(2);
	}

	@Test
	void aUrlCountsAsTheGivenLengthHoweverLongItIs() {
		var text = "see " + URL + " now";
		assertThat(TextCounting.CHARACTERS.count(text, -1)).isEqualTo(8 + URL.length());
		assertThat(TextCounting.CHARACTERS.count(text, 23)).isEqualTo(8 + 23);
		assertThat(TextCounting.CHARACTERS.count(URL + " " + URL, 23)).isEqualTo(47);
		assertThat(TextCounting.GRAPHEMES.count(FAMILY + " http://a.b", 23)).isEqualTo(2 + 23);
	}

	@Test
	void weightedCountsLikeX() {
		assertThat(TextCounting.WEIGHTED.count("hello", 23)).as("Latin counts 1").isEqualTo(5);
		assertThat(TextCounting.WEIGHTED.count("こんにちは", 23)).as("CJK counts 2").isEqualTo(10);
		assertThat(TextCounting.WEIGHTED.count("—“quoted”", 23)).as("dashes and quotes count 1").isEqualTo(9);
		assertThat(TextCounting.WEIGHTED.count("…", 23)).as("the ellipsis is outside the light ranges").isEqualTo(2);
		assertThat(TextCounting.WEIGHTED.count(FAMILY, 23)).as("an emoji sequence counts 2").isEqualTo(2);
		assertThat(TextCounting.WEIGHTED.count("👍🏽", 23)).as("emoji with skin tone counts 2").isEqualTo(2);
		assertThat(TextCounting.WEIGHTED.count("go " + URL, 23)).as("a URL counts 23").isEqualTo(3 + 23);
		assertThat(TextCounting.WEIGHTED.count("a".repeat(280), 23)).isEqualTo(280);
		assertThat(TextCounting.WEIGHTED.count("字".repeat(140), 23)).isEqualTo(280);
	}

	@Test
	void theDescriptorsTextRulesUseTheirCountingAndUrlLength() {
		var mastodonLike = new PlatformDescriptor.TextRules(500, TextCounting.CHARACTERS, 23);
		var asWritten = new PlatformDescriptor.TextRules(300, TextCounting.GRAPHEMES, null);
		assertThat(mastodonLike.length("x " + URL)).isEqualTo(25);
		assertThat(asWritten.length("x " + URL)).isEqualTo(2 + URL.length());
	}
}
