package dev.troupe.publishing.spi;

import java.util.List;

import dev.troupe.publishing.spi.PlatformDescriptor.CapabilityFlags;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectKind;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectSpec;
import dev.troupe.publishing.spi.PlatformDescriptor.MediaRules;
import dev.troupe.publishing.spi.PlatformDescriptor.TextRules;

/** Descriptors for test platforms that need nothing but a type and simple limits. */
public final class TestDescriptors {

	private TestDescriptors() {
	}

	public static PlatformDescriptor simple(String type, int maxText, int maxMedia, boolean idempotent) {
		return new PlatformDescriptor(type, type, "globe", null, new ConnectSpec(ConnectKind.NONE, List.of()), List.of(),
				new CapabilityFlags(new TextRules(maxText, TextCounting.CHARACTERS, null),
						new MediaRules(List.of("image"), 0, maxMedia, List.of("image/*"), 200_000, 512, 0, null, null, null,
								true, 1000),
						false, false, false, false, idempotent));
	}
}
