package dev.troupe.publishing.platform.acme;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformDescriptor.CapabilityFlags;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectKind;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectSpec;
import dev.troupe.publishing.spi.PlatformDescriptor.Field;
import dev.troupe.publishing.spi.PlatformDescriptor.MediaRules;
import dev.troupe.publishing.spi.PlatformDescriptor.Setting;
import dev.troupe.publishing.spi.PlatformDescriptor.TextRules;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.TextCounting;

/**
 * A throwaway platform that exists only to prove that a platform is one package and nothing else: a plain
 * {@code @Component} in its own package, found by component scanning in every test context (and so also by the
 * dashboard's browser tests), with nothing about it written anywhere else. Its limits are odd on purpose (30
 * graphemes, at most two PNGs) so that a test can tell they came from here.
 */
@Component
class AcmePlatform implements SocialPlatform {

	static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor("acme", "Acme Social", "globe",
			"<svg viewBox=\"0 0 24 24\" fill=\"currentColor\"><path d=\"M12 2 2 22h20z\"/></svg>",
			new ConnectSpec(ConnectKind.TOKEN, List.of(
					Field.baseUrl("Acme server", "Where the Acme account lives.", "https://acme.example"),
					Field.secret("apiKey", "API key", "From Acme's developer settings.").withPlaceholder("acme_…"))),
			List.of(Setting.choice("audience", "Audience", "Who sees the posts.", "everyone",
					List.of("everyone", "friends")),
					Setting.integer("retries", "Retries", "How often Acme retries.", 1)),
			new CapabilityFlags(new TextRules(30, TextCounting.GRAPHEMES, null),
					new MediaRules(List.of("image"), 0, 2, List.of("image/png"), 1_000_000, 1024, 0, null, 0.5, 2.0, true,
							100),
					false, false, false, true, true));

	@Override
	public String type() {
		return "acme";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public AccountInfo verify(ChannelContext channel) {
		return new AccountInfo("Acme " + channel.characterHandle(), "@" + channel.characterHandle(), null, null);
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext channel) {
		return new PublishOutcome.Published("acme-" + request.idempotencyKey(), null);
	}
}
