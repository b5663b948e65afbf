package dev.troupe.publishing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformDescriptor.Setting;
import dev.troupe.security.AllowedHosts;
import dev.troupe.shared.ApiProblem.FieldProblem;

/**
 * Checks what a channel is connected with against its platform's descriptor: required connect fields and
 * settings are there, patterns match, and numbers, switches and choices hold values the adapter can read.
 * A connect field named {@code baseUrl} is the channel's base URL; the others are credentials. A URL setting is an
 * address Troupe calls, so its host must be allowed (TROUPE_ALLOWED_HOSTS) like the base URL's.
 */
final class ChannelForm {

	private ChannelForm() {
	}

	/** @param creating whether missing required values count (an update may leave them as they are) */
	static List<FieldProblem> check(PlatformDescriptor platform, ChannelManagement.ChannelInput in, boolean creating,
			AllowedHosts hosts) {
		var problems = new ArrayList<FieldProblem>();
		var credentials = in.credentials() == null ? Map.<String, String>of() : in.credentials();
		for (var field : platform.connect().fields()) {
			var isUrl = field.name().equals("baseUrl");
			var name = isUrl ? "baseUrl" : "credentials." + field.name();
			var value = isUrl ? in.baseUrl() : credentials.get(field.name());
			var checked = creating || (isUrl ? in.baseUrl() != null : in.credentials() != null);
			if (value == null || value.isBlank()) {
				if (checked && field.required() && field.defaultValue() == null) {
					problems.add(new FieldProblem(name, "is required for " + platform.displayName()));
				}
			}
			else if (field.pattern() != null && !matches(field.pattern(), value.trim())) {
				problems.add(new FieldProblem(name, "does not look like a " + field.label()
						+ (field.placeholder() == null ? "" : " (e.g. " + field.placeholder() + ")")));
			}
		}
		if (in.settings() != null || creating) {
			var settings = in.settings() == null ? Map.<String, String>of() : in.settings();
			for (var setting : platform.settings()) {
				var reason = invalid(setting, settings.get(setting.name()), hosts);
				if (reason != null) {
					problems.add(new FieldProblem("settings." + setting.name(), reason));
				}
			}
		}
		return problems;
	}

	private static String invalid(Setting setting, String value, AllowedHosts hosts) {
		if (value == null || value.isBlank()) {
			return setting.required() ? "is required" : null;
		}
		var v = value.trim();
		return switch (setting.type()) {
			case INTEGER -> v.matches("-?\\d{1,18}") ? null : "must be a whole number";
			case BOOLEAN -> v.equals("true") || v.equals("false") ? null : "must be true or false";
			case ENUM -> setting.options().contains(v) ? null : "must be one of " + setting.options();
			case URL -> url(v, hosts);
			case STRING -> null;
		};
	}

	private static String url(String value, AllowedHosts hosts) {
		try {
			var uri = new URI(value);
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				return "must be an http(s) URL";
			}
			return hosts.allows(uri) ? null : "host '" + uri.getHost() + "' is not in TROUPE_ALLOWED_HOSTS";
		}
		catch (URISyntaxException e) {
			return "is not a URL: " + e.getReason();
		}
	}

	private static boolean matches(String pattern, String value) {
		try {
			return Pattern.compile(pattern).matcher(value).find();
		}
		catch (PatternSyntaxException e) {
			return true; // an adapter's broken pattern must not lock owners out
		}
	}
}
