package dev.troupe.generation.spi;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a kind of backend describes itself to generic code and to the dashboard: its name, what it makes, whether
 * it runs inside Troupe's own machine (and so needs no server URL), and the options of its {@link BackendConfig}.
 */
public record BackendTypeDescriptor(String type, String displayName, @JsonIgnore Set<Modality> modalities, boolean local,
		List<Option> options) {

	public BackendTypeDescriptor {
		modalities = Set.copyOf(modalities);
		options = List.copyOf(options);
	}

	/** Modalities in lower case, as the API spells them elsewhere. */
	@JsonProperty("modalities")
	public List<String> modalityNames() {
		return modalities.stream().sorted().map(m -> m.name().toLowerCase(Locale.ROOT)).toList();
	}

	/**
	 * One entry of {@link BackendConfig#options()}. {@code configFileOnly} options are read from application.yaml
	 * only: the API refuses them because they name programs or folders on the server.
	 */
	public record Option(String name, String label, String help, OptionType type,
			@JsonProperty("default") String defaultValue, boolean required, List<String> options, boolean secret,
			boolean configFileOnly) {

		public Option {
			options = List.copyOf(options);
		}

		public static Option of(String name, String label, OptionType type, String defaultValue, String help) {
			return new Option(name, label, help, type, defaultValue, false, List.of(), false, false);
		}

		public static Option choice(String name, String label, String defaultValue, List<String> options, String help) {
			return new Option(name, label, help, OptionType.ENUM, defaultValue, false, options, false, false);
		}

		public Option onlyInConfigFile() {
			return new Option(name, label, help, type, defaultValue, required, options, secret, true);
		}
	}

	public enum OptionType {
		URL, TEXT, PASSWORD, INTEGER, BOOLEAN, ENUM, PATH;

		@JsonValue
		String json() {
			return name().toLowerCase(Locale.ROOT);
		}
	}
}
