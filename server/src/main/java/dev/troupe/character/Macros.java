package dev.troupe.character;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SillyTavern's common prompt macros, expanded the way SillyTavern does (case-insensitive names):
 * {@code {{char}} {{user}} <BOT> <USER>}, the card fields ({@code {{description}} {{personality}}
 * {{scenario}} {{persona}} {{mesExamples}} {{charPrompt}} {{charJailbreak}}}), {@code {{newline}} {{trim}}
 * {{noop}} {{// comment}}}, time ({@code {{date}} {{time}} {{weekday}} {{isodate}} {{isotime}}}) and
 * {@code {{random:a,b}} / {{random::a::b}} / {{pick::a::b}}}. {@code {{original}}} is left alone: only the
 * place that knows the default prompt can fill it. Unknown macros stay as written, as in SillyTavern.
 *
 * @param user what {@code {{user}}} means here: the audience, or the person whose thread is answered
 */
public record Macros(String character, String user, Persona persona, ZonedDateTime now, RandomGenerator random) {

	private static final Pattern MACRO = Pattern.compile("\\{\\{([^{}]*)\\}\\}");
	private static final Pattern TRIM = Pattern.compile("\\s*\\{\\{trim\\}\\}\\s*", Pattern.CASE_INSENSITIVE);

	public Macros {
		persona = persona == null ? Persona.empty() : persona;
	}

	/** The text with every known macro replaced; null stays null. */
	public String expand(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		var replaced = text.replace("<BOT>", character).replace("<USER>", user)
			.replace("<bot>", character).replace("<user>", user);
		// Card fields may contain macros themselves ({{char}} in a description): expand those once, not recursively.
		var fields = Map.of("description", persona.description(), "personality", persona.personality(),
				"scenario", persona.scenario(), "persona", "", "mesexamples", persona.mesExample(),
				"mesexamplesraw", persona.mesExample(), "charprompt", persona.systemPrompt(),
				"charjailbreak", persona.postHistoryInstructions(), "charinstruction", persona.postHistoryInstructions());
		Matcher m = MACRO.matcher(replaced);
		var out = new StringBuilder();
		while (m.find()) {
			var body = m.group(1).trim();
			var name = body.toLowerCase(Locale.ROOT);
			String value;
			if (fields.containsKey(name)) {
				value = simple(fields.get(name));
			} else {
				value = value(body, name);
			}
			m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
		}
		m.appendTail(out);
		return TRIM.matcher(out).replaceAll("");
	}

	/** {@code {{char}}} and {@code {{user}}} only, for card fields inserted through another macro. */
	private String simple(String text) {
		return text.replaceAll("(?i)\\{\\{char\\}\\}", Matcher.quoteReplacement(character))
			.replaceAll("(?i)\\{\\{user\\}\\}", Matcher.quoteReplacement(user))
			.replace("<BOT>", character).replace("<USER>", user);
	}

	private String value(String body, String name) {
		if (name.startsWith("//")) {
			return "";
		}
		return switch (name) {
			case "char" -> character;
			case "user" -> user;
			case "newline" -> "\n";
			case "noop" -> "";
			case "trim" -> "{{trim}}";
			case "date" -> now.format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH));
			case "time" -> now.format(DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH));
			case "weekday" -> now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
			case "isodate" -> now.toLocalDate().toString();
			case "isotime" -> now.format(DateTimeFormatter.ofPattern("HH:mm"));
			default -> choice(body, name);
		};
	}

	/** {{random:a,b}}, {{random::a::b}} and {{pick::a::b}}; anything else is not a macro we know. */
	private String choice(String body, String name) {
		String list;
		String separator;
		if (name.startsWith("random::") || name.startsWith("pick::")) {
			list = body.substring(body.indexOf("::") + 2);
			separator = "::";
		} else if (name.startsWith("random:")) {
			list = body.substring(body.indexOf(':') + 1);
			separator = ",";
		} else {
			return null;
		}
		var options = list.split(Pattern.quote(separator), -1);
		return options[random.nextInt(options.length)].trim();
	}
}
