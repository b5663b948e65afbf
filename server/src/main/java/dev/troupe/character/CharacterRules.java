package dev.troupe.character;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.troupe.shared.ApiProblem;
import dev.troupe.shared.ApiProblem.FieldProblem;

/**
 * What makes a character valid, with the exact field path for every reason, so the dashboard can put the
 * message under the right input.
 */
final class CharacterRules {

	static final Pattern HANDLE = Pattern.compile("^[a-z0-9][a-z0-9_.-]{1,39}$");
	private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$");

	private CharacterRules() {
	}

	static void check(Character c) {
		var errors = new ArrayList<FieldProblem>();
		if (c.name() == null || c.name().isBlank()) {
			errors.add(new FieldProblem("name", "is required"));
		}
		else if (c.name().length() > 200) {
			errors.add(new FieldProblem("name", "must be at most 200 characters"));
		}
		if (c.handle() == null || !HANDLE.matcher(c.handle()).matches()) {
			errors.add(new FieldProblem("handle",
					"must be 2-40 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"));
		}
		if (c.bio().length() > 2000) {
			errors.add(new FieldProblem("bio", "must be at most 2000 characters"));
		}
		if (!LANGUAGE.matcher(c.language()).matches()) {
			errors.add(new FieldProblem("language", "must be a language tag such as 'en' or 'pt-BR'"));
		}
		if (!validZone(c.timeZone())) {
			errors.add(new FieldProblem("timeZone", "must be an IANA time zone such as 'Europe/Lisbon'"));
		}
		checkVisual(c.visual(), errors);
		checkVoice(c.voice(), errors);
		checkList("preferences.pillars", c.preferences().pillars(), errors);
		checkList("preferences.hashtags", c.preferences().hashtags(), errors);
		checkList("preferences.bannedWords", c.preferences().bannedWords(), errors);
		checkList("preferences.bannedTopics", c.preferences().bannedTopics(), errors);
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
	}

	private static void checkVisual(VisualIdentity v, List<FieldProblem> errors) {
		for (int i = 0; i < v.loras().size(); i++) {
			var lora = v.loras().get(i);
			if (lora == null || lora.name() == null || lora.name().isBlank()) {
				errors.add(new FieldProblem("visual.loras[" + i + "].name", "is required"));
			}
			if (lora != null && (lora.weight() < -5 || lora.weight() > 5 || Double.isNaN(lora.weight()))) {
				errors.add(new FieldProblem("visual.loras[" + i + "].weight", "must be between -5 and 5"));
			}
		}
		if (v.seedPolicy() != VisualIdentity.SeedPolicy.RANDOM && v.seed() == null) {
			errors.add(new FieldProblem("visual.seed", "is required when the seed policy is " + v.seedPolicy()));
		}
		if (v.seed() != null && v.seed() < 0) {
			errors.add(new FieldProblem("visual.seed", "must be zero or positive"));
		}
	}

	private static void checkVoice(VoiceIdentity v, List<FieldProblem> errors) {
		var consent = v.consent();
		if (consent != null && consent.speaker().isBlank() != consent.statement().isBlank()) {
			errors.add(new FieldProblem(consent.speaker().isBlank() ? "voice.consent.speaker" : "voice.consent.statement",
					"is required: a consent needs both whose voice it is and what they agreed to"));
		}
	}

	private static void checkList(String field, List<String> values, List<FieldProblem> errors) {
		if (values.size() > 200) {
			errors.add(new FieldProblem(field, "must have at most 200 entries"));
		}
		for (int i = 0; i < values.size(); i++) {
			if (values.get(i) == null || values.get(i).isBlank()) {
				errors.add(new FieldProblem(field + "[" + i + "]", "must not be blank"));
			}
		}
	}

	private static boolean validZone(String zone) {
		try {
			ZoneId.of(zone);
			return true;
		}
		catch (DateTimeException e) {
			return false;
		}
	}

	/** A handle suggested from a name: "Zoë Lane" becomes "zoe-lane"; non-Latin names fall back to "character". */
	static String handleFrom(String name) {
		var ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
		var slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (slug.length() > 32) {
			slug = slug.substring(0, 32).replaceAll("-+$", "");
		}
		return slug.length() < 2 ? "character" : slug;
	}
}
