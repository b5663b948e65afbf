package dev.troupe.publishing;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.troupe.security.AllowedHosts;
import dev.troupe.security.ResponseLimits;
import dev.troupe.shared.ApiProblem;

/**
 * Serves public media links to whoever holds one (the platforms' fetchers), and lets an owner check that the
 * configured public address really reaches this server: it makes a link, fetches it through that address and
 * compares the bytes.
 */
@RestController
class PublicMediaController {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NORMAL).build();

	private final PublicMediaLinks links;
	private final PublicAddress addresses;
	private final AllowedHosts allowedHosts;

	PublicMediaController(PublicMediaLinks links, PublicAddress addresses, AllowedHosts allowedHosts) {
		this.links = links;
		this.addresses = addresses;
		this.allowedHosts = allowedHosts;
	}

	/**
	 * Also answers HEAD (Spring maps it to GET), which some fetchers send first for the length. A link that names
	 * a blob of a store that signs URLs answers 302 to a short-lived signed URL of the store.
	 */
	@GetMapping("/public-media/{token}")
	ResponseEntity<org.springframework.core.io.Resource> serve(@PathVariable String token) throws IOException {
		var served = links.find(token);
		if (served.isPresent() && served.get().bytes() != null) {
			var m = served.get();
			return ResponseEntity.ok().contentType(MediaType.parseMediaType(m.contentType())).contentLength(m.bytes().length)
				.cacheControl(CacheControl.noStore()).header("X-Content-Type-Options", "nosniff")
				.body(new org.springframework.core.io.ByteArrayResource(m.bytes()));
		}
		var storeUrl = served.flatMap(links::storeUrl);
		if (storeUrl.isPresent()) {
			return ResponseEntity.status(org.springframework.http.HttpStatus.FOUND).location(storeUrl.get())
				.cacheControl(CacheControl.noStore()).build();
		}
		if (served.isPresent() && served.get().blobSha256() != null) {
			// a video is copied from the store to the response as it is read, never held whole
			var m = served.get();
			try {
				var size = links.blobSize(m);
				return ResponseEntity.ok().contentType(MediaType.parseMediaType(m.contentType())).contentLength(size)
					.cacheControl(CacheControl.noStore()).header("X-Content-Type-Options", "nosniff")
					.body(new org.springframework.core.io.InputStreamResource(links.openBlob(m)));
			}
			catch (java.nio.file.NoSuchFileException gone) {
				// the asset was deleted since the link was made: the link is gone with it
			}
		}
		throw new dev.troupe.shared.ApiProblem(org.springframework.http.HttpStatus.NOT_FOUND, "Not found",
				"This media link does not exist or has expired", java.util.List.of());
	}

	record TestRequest(String publicUrl) {
	}

	record TestResult(String publicUrl, boolean reachable, Integer status, String detail, long millis) {
	}

	@PostMapping("/api/v1/public-url/test")
	@PreAuthorize("hasRole('OWNER')")
	TestResult test(@RequestBody(required = false) TestRequest request) {
		var publicUrl = request == null || request.publicUrl() == null || request.publicUrl().isBlank() ? addresses.publicUrl()
				: request.publicUrl().trim();
		if (!publicUrl.matches("https?://[^/\\s]+(/.*)?")) {
			throw ApiProblem.badRequest("publicUrl", "must be an http(s) URL");
		}
		if (request != null && request.publicUrl() != null && !request.publicUrl().isBlank()) {
			allowedHosts.check("publicUrl", java.net.URI.create(publicUrl)); // the server fetches it
		}
		var probe = ("troupe public URL check " + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		var owner = UUID.randomUUID();
		var url = links.share(publicUrl, owner, "text/plain", probe, Duration.ofMinutes(1));
		var started = System.nanoTime();
		try {
			var response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
					ResponseLimits.ofBytes(64 * 1024));
			var millis = (System.nanoTime() - started) / 1_000_000;
			if (response.statusCode() == 200 && Arrays.equals(response.body(), probe)) {
				return new TestResult(publicUrl, true, 200, "Troupe fetched its own media through " + publicUrl, millis);
			}
			return new TestResult(publicUrl, false, response.statusCode(), "Something answered at " + publicUrl
					+ " but it was not this Troupe server (HTTP " + response.statusCode() + "): check the proxy forwards "
					+ "/public-media/ to Troupe", millis);
		}
		catch (IOException e) {
			return new TestResult(publicUrl, false, null, "Could not reach " + publicUrl + " from this server ("
					+ e.getClass().getSimpleName() + "). Platforms that fetch media by URL will fail too.",
					(System.nanoTime() - started) / 1_000_000);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		finally {
			links.revoke(owner);
		}
	}
}
