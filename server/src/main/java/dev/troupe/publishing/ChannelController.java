package dev.troupe.publishing;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PublicLink;

/** Channels over HTTP: owners connect and change them, editors verify, everyone reads. */
@RestController
@RequestMapping("/api/v1")
class ChannelController {

	private final ChannelManagement channels;
	private final Platforms platforms;

	ChannelController(ChannelManagement channels, Platforms platforms) {
		this.channels = channels;
		this.platforms = platforms;
	}

	@GetMapping("/platforms")
	@PreAuthorize("hasRole('VIEWER')")
	List<PlatformDescriptor> platforms() {
		return platforms.descriptors();
	}

	@GetMapping("/channels")
	@PreAuthorize("hasRole('VIEWER')")
	List<Channel> list(@RequestParam(required = false) UUID characterId) {
		return channels.list(characterId);
	}

	@PostMapping("/channels")
	@PreAuthorize("hasRole('OWNER')")
	@ResponseStatus(HttpStatus.CREATED)
	Channel create(@RequestBody ChannelManagement.ChannelInput input) {
		return channels.create(input);
	}

	@GetMapping("/channels/{id}")
	@PreAuthorize("hasRole('VIEWER')")
	Channel get(@PathVariable UUID id) {
		return channels.get(id);
	}

	@PatchMapping("/channels/{id}")
	@PreAuthorize("hasRole('OWNER')")
	Channel update(@PathVariable UUID id, @RequestBody ChannelManagement.ChannelInput input) {
		return channels.update(id, input);
	}

	@DeleteMapping("/channels/{id}")
	@PreAuthorize("hasRole('OWNER')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id) {
		channels.delete(id);
	}

	/** Where anyone can read what the channel published; empty for platforms whose pages are elsewhere. */
	@GetMapping("/channels/{id}/addresses")
	@PreAuthorize("hasRole('VIEWER')")
	List<PublicLink> addresses(@PathVariable UUID id) {
		var channel = channels.get(id);
		return platforms.of(channel.platform()).publicAddresses(platforms.context(channel));
	}

	@PostMapping("/channels/{id}/verify")
	@PreAuthorize("hasRole('EDITOR')")
	Channel verify(@PathVariable UUID id) {
		return channels.verify(id);
	}
}
