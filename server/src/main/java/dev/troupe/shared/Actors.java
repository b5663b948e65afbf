package dev.troupe.shared;

import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting right now, as recorded in audit entries and "created by" columns: the signed-in user's
 * e-mail, or {@code system} for work nobody started by hand (start-up, background tasks).
 */
public final class Actors {

	public static final String SYSTEM = "system";

	private Actors() {
	}

	public static String current() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || !authentication.isAuthenticated() || authentication.getName() == null
				? SYSTEM : authentication.getName();
	}
}
