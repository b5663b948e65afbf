package dev.troupe.publishing.spi;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a platform describes itself to generic code and to the dashboard: its name and icon, the form that
 * connects a channel, the channel's settings, and what a post may contain. The one place where a platform's
 * limits are written; per-channel values (a Mastodon instance's own limit) stay behind
 * {@link SocialPlatform#capabilities(ChannelContext)}, whose defaults these are.
 *
 * @param icon a generic icon name the dashboard maps ({@code globe} when it knows none)
 * @param iconSvg optional monochrome inline SVG ({@code currentColor}); wins over {@code icon}
 */
public record PlatformDescriptor(String type, String displayName, String icon, String iconSvg, ConnectSpec connect,
		List<Setting> settings, CapabilityFlags capabilities, MetricsSpec metrics, InboxSpec inbox) {

	public PlatformDescriptor {
		settings = List.copyOf(settings);
		metrics = metrics == null ? MetricsSpec.NONE : metrics;
		inbox = inbox == null ? InboxSpec.NONE : inbox;
	}

	/** A platform that reports no metrics and has no inbox (until its adapter says otherwise). */
	public PlatformDescriptor(String type, String displayName, String icon, String iconSvg, ConnectSpec connect,
			List<Setting> settings, CapabilityFlags capabilities) {
		this(type, displayName, icon, iconSvg, connect, settings, capabilities, MetricsSpec.NONE, InboxSpec.NONE);
	}

	/** The same descriptor, declaring what the adapter's {@link PlatformInsights} reports. */
	public PlatformDescriptor withMetrics(MetricsSpec value) {
		return new PlatformDescriptor(type, displayName, icon, iconSvg, connect, settings, capabilities, value, inbox);
	}

	/** The same descriptor, declaring what the adapter's {@link PlatformInbox} reads and whether replies may be automated. */
	public PlatformDescriptor withInbox(InboxSpec value) {
		return new PlatformDescriptor(type, displayName, icon, iconSvg, connect, settings, capabilities, metrics, value);
	}

	/**
	 * What {@link PlatformInsights} reports. Each metric keeps the platform's own name ({@code favourites_count},
	 * {@code like_count}); {@code common} maps it onto the small cross-platform set for charts.
	 */
	public record MetricsSpec(List<Metric> publication, List<Metric> account) {

		public static final MetricsSpec NONE = new MetricsSpec(List.of(), List.of());

		public MetricsSpec {
			publication = List.copyOf(publication);
			account = List.copyOf(account);
		}
	}

	/**
	 * @param name the platform's own name for it, as stored and returned by the API
	 * @param common one of {@code reactions}, {@code shares}, {@code comments}, {@code views}, {@code followers}, or
	 *     null when it is platform-only (quotes, saves, link clicks…)
	 */
	public record Metric(String name, String label, String common) {
	}

	/**
	 * What {@link PlatformInbox} reads ({@code reply}, {@code mention}, {@code quote}, {@code comment},
	 * {@code message}), and whether the platform's rules let an owner turn on automatic replies (never on X
	 * without X's approval, never on Bluesky); {@code automationNote} says why not, for the dashboard.
	 */
	public record InboxSpec(List<String> kinds, boolean autoReplyAllowed, String automationNote) {

		public static final InboxSpec NONE = new InboxSpec(List.of(), false, null);

		public InboxSpec {
			kinds = List.copyOf(kinds);
		}
	}

	/** How a channel connects. A field named {@code baseUrl} is the channel's base URL; others are credentials. */
	public record ConnectSpec(ConnectKind kind, List<Field> fields) {

		public ConnectSpec {
			fields = List.copyOf(fields);
		}
	}

	public enum ConnectKind implements LowerCaseJson {
		TOKEN, OAUTH, WEBHOOK, NONE;
	}

	/** One input of the connect form. Secret fields are stored encrypted and never returned. */
	public record Field(String name, String label, String help, FieldType type, boolean secret, boolean required,
			String pattern, String placeholder, @JsonProperty("default") String defaultValue) {

		public static Field text(String name, String label, String help, boolean required) {
			return new Field(name, label, help, FieldType.TEXT, false, required, null, null, null);
		}

		public static Field secret(String name, String label, String help) {
			return new Field(name, label, help, FieldType.PASSWORD, true, true, null, null, null);
		}

		public static Field baseUrl(String label, String help, String defaultValue) {
			return new Field("baseUrl", label, help, FieldType.URL, false, true, "^https?://.+", defaultValue,
					defaultValue);
		}

		public Field withPlaceholder(String value) {
			return new Field(name, label, help, type, secret, required, pattern, value, defaultValue);
		}
	}

	public enum FieldType implements LowerCaseJson {
		TEXT, URL, PASSWORD, TEXTAREA;
	}

	/** A plain (not secret) channel setting, stored as text in the channel's settings. */
	public record Setting(String name, String label, String help, SettingType type,
			@JsonProperty("default") Object defaultValue, List<String> options, boolean required) {

		public Setting {
			options = List.copyOf(options);
		}

		public static Setting string(String name, String label, String help, boolean required) {
			return new Setting(name, label, help, SettingType.STRING, null, List.of(), required);
		}

		public static Setting integer(String name, String label, String help, Integer defaultValue) {
			return new Setting(name, label, help, SettingType.INTEGER, defaultValue, List.of(), false);
		}

		public static Setting choice(String name, String label, String help, String defaultValue, List<String> options) {
			return new Setting(name, label, help, SettingType.ENUM, defaultValue, options, false);
		}

		/**
		 * An http(s) address Troupe itself calls with the channel (an API the adapter reads from); like the base
		 * URL, its host must be in TROUPE_ALLOWED_HOSTS.
		 */
		public static Setting url(String name, String label, String help, boolean required) {
			return new Setting(name, label, help, SettingType.URL, null, List.of(), required);
		}
	}

	public enum SettingType implements LowerCaseJson {
		STRING, BOOLEAN, INTEGER, ENUM, URL;
	}

	/** What a post may contain on this platform, and what the platform supports. */
	public record CapabilityFlags(TextRules text, MediaRules media, boolean requiresMedia, boolean threads,
			boolean replies, boolean aiLabel, boolean idempotent) {
	}

	/** @param urlLength how many characters any URL counts for, or null when URLs count as written */
	public record TextRules(int maxLength, TextCounting counting, Integer urlLength) {

		/** The length of a text as this platform counts it. */
		public int length(String text) {
			return counting.count(text, urlLength == null ? -1 : urlLength);
		}
	}

	/**
	 * @param kinds {@code image}, {@code video}, {@code gif}, {@code audio}
	 * @param formats content types; a type ending in a slash and star accepts any subtype, and star-slash-star anything
	 */
	public record MediaRules(List<String> kinds, int minCount, int maxCount, List<String> formats, long maxImageBytes,
			Integer maxImageEdge, long maxVideoBytes, Integer maxVideoSeconds, Double minAspectRatio,
			Double maxAspectRatio, boolean altText, int maxAltTextLength) {

		public MediaRules {
			kinds = List.copyOf(kinds);
			formats = List.copyOf(formats);
		}
	}

	/** Enum values appear in JSON in lower case ("token", "password"). */
	public interface LowerCaseJson {

		String name();

		@JsonValue
		default String json() {
			return name().toLowerCase(Locale.ROOT);
		}
	}
}
