package dev.troupe.security;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.troupe.shared.ApiProblem;

/** The studio's settings: owners only. */
@RestController
@RequestMapping("/api/v1/settings/studio")
class StudioSettingsController {

	private final StudioSettings settings;

	StudioSettingsController(StudioSettings settings) {
		this.settings = settings;
	}

	@GetMapping
	@PreAuthorize("hasRole('OWNER')")
	StudioSettings.Studio get() {
		return settings.current();
	}

	@PutMapping
	@PreAuthorize("hasRole('OWNER')")
	StudioSettings.Studio put(@RequestBody StudioSettings.Change change) {
		if (change == null || change.ownerSelfApproval() == null && change.continuityBlocksSubmit() == null) {
			throw ApiProblem.badRequest("ownerSelfApproval", "give ownerSelfApproval or continuityBlocksSubmit: true or false");
		}
		return settings.update(change);
	}
}
