package dev.troupe.node;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The roles of this node, from {@code troupe.roles} ({@code TROUPE_ROLES}): {@code web} serves the API and the
 * dashboard, {@code worker} runs the background tasks (publishing, generation, token refresh, sweeps). Both by
 * default. An unknown or empty list stops the start, so a typo cannot leave a node that does nothing.
 */
@Component
public class NodeRoles {

	/** A role a node can have. */
	public enum Role {
		WEB, WORKER
	}

	private final Set<Role> roles;

	NodeRoles(@Value("${troupe.roles:web,worker}") String roles) {
		this.roles = parse(roles);
	}

	static Set<Role> parse(String text) {
		var result = EnumSet.noneOf(Role.class);
		for (var part : (text == null ? "" : text).split(",")) {
			var name = part.trim().toUpperCase(Locale.ROOT);
			if (name.isEmpty()) {
				continue;
			}
			try {
				result.add(Role.valueOf(name));
			}
			catch (IllegalArgumentException e) {
				throw new IllegalStateException("troupe.roles (TROUPE_ROLES) has an unknown role '" + part.trim()
						+ "': use web, worker or web,worker");
			}
		}
		if (result.isEmpty()) {
			throw new IllegalStateException("troupe.roles (TROUPE_ROLES) is empty: use web, worker or web,worker");
		}
		return Set.copyOf(result);
	}

	/** Serves the API and the dashboard. */
	public boolean web() {
		return roles.contains(Role.WEB);
	}

	/** Runs background tasks. */
	public boolean worker() {
		return roles.contains(Role.WORKER);
	}

	@Override
	public String toString() {
		return (web() ? "web" : "") + (web() && worker() ? "," : "") + (worker() ? "worker" : "");
	}
}
