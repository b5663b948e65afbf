package dev.troupe.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A person who signs in to Troupe. Also the authenticated principal, for sessions and API tokens alike.
 */
record TroupeUser(UUID id, String email, String displayName, @JsonIgnore String passwordHash, Role role,
		boolean disabled, Instant createdAt) implements UserDetails {

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority(role.authority()));
	}

	@Override
	@JsonIgnore
	public String getPassword() {
		return passwordHash;
	}

	@Override
	@JsonIgnore
	public String getUsername() {
		return email;
	}

	@Override
	@JsonIgnore
	public boolean isEnabled() {
		return !disabled;
	}

	/** The public view: never the password hash. */
	UserView view() {
		return new UserView(id, email, displayName, role, disabled, createdAt);
	}

	record UserView(UUID id, String email, String displayName, Role role, boolean disabled, Instant createdAt) {
	}
}
