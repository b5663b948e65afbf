package dev.troupe.generation.backend.ffmpeg;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendTypeDescriptor;
import dev.troupe.generation.spi.BackendTypeDescriptor.Option;
import dev.troupe.generation.spi.BackendTypeDescriptor.OptionType;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;
import dev.troupe.generation.spi.Modality;

/**
 * Adapters of type {@code ffmpeg}: talking clips made locally. Options: {@code binary} (default "bundled", the
 * ffmpeg shipped inside Troupe; or a path such as /usr/bin/ffmpeg), {@code font} (a TrueType file for captions;
 * default: the first of the usual system fonts found), {@code fps} (default 30), {@code videoBitrate} (default
 * 4M), {@code audioBitrate} (default 128k), {@code zoom} (how much closer the last frame is, default 0.12).
 */
@Component
class FfmpegBackendFactory implements GenerationBackendFactory {

	static final BackendTypeDescriptor DESCRIPTOR = new BackendTypeDescriptor("ffmpeg", "Talking clips (ffmpeg)",
			Set.of(Modality.CLIP), true, List.of(
					Option.of("binary", "Program", OptionType.PATH, "bundled",
							"The ffmpeg executable; \"bundled\" uses the one shipped inside Troupe.").onlyInConfigFile(),
					Option.of("font", "Caption font", OptionType.PATH, null,
							"A TrueType font file for burned-in captions; empty: a system font (DejaVu Sans Bold, Liberation Sans Bold…).")
						.onlyInConfigFile(),
					Option.of("fps", "Frames per second", OptionType.INTEGER, "30", "Frame rate of the clip (10-60)."),
					Option.of("videoBitrate", "Video bitrate", OptionType.TEXT, "4M", "ffmpeg's -b:v, e.g. 4M or 800k."),
					Option.of("audioBitrate", "Audio bitrate", OptionType.TEXT, "128k", "ffmpeg's -b:a, e.g. 128k."),
					Option.of("zoom", "Zoom", OptionType.TEXT, "0.12",
							"How much closer the last frame is than the first (0 = no zoom, 0.5 at most).")));

	@Override
	public BackendTypeDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new FfmpegBackend(config);
	}
}
