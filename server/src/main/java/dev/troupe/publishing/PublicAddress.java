package dev.troupe.publishing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where people and platforms reach this server ({@code TROUPE_PUBLIC_URL}): OAuth redirect URIs and public media
 * links are built on it, so it must be the address as seen from the internet, not from inside a proxy.
 */
@Component
class PublicAddress {

	private final String publicUrl;

	PublicAddress(@Value("${troupe.public-url:http://localhost:8080}") String publicUrl) {
		this.publicUrl = publicUrl.replaceAll("/+$", "");
	}

	String publicUrl() {
		return publicUrl;
	}
}
