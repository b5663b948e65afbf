package dev.troupe.publishing;

import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import dev.troupe.generation.CaptionPlatforms;
import dev.troupe.generation.quality.CaptionLimit;

/** Gives caption generation each platform's text limit and counter, from the platform's descriptor. */
@Component
class CaptionPlatformsAdapter implements CaptionPlatforms {

	private final Platforms platforms;

	CaptionPlatformsAdapter(Platforms platforms) {
		this.platforms = platforms;
	}

	@Override
	public SortedMap<String, CaptionLimit> limits() {
		var limits = new TreeMap<String, CaptionLimit>();
		for (var descriptor : platforms.descriptors()) {
			var text = descriptor.capabilities().text();
			limits.put(descriptor.type(), new CaptionLimit(descriptor.type(), text.maxLength(), text::length));
		}
		return limits;
	}
}
