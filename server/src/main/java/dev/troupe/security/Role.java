package dev.troupe.security;

/**
 * What a person may do, weakest first. Each role includes everything the roles before it may do.
 */
public enum Role {
	/** Reads everything, changes nothing. */
	VIEWER,
	/** Reads; approves and rejects posts (review arrives with the content module). */
	REVIEWER,
	/** Creates and edits characters, media and posts. */
	EDITOR,
	/** Also manages users, other people's tokens, settings and channels. */
	OWNER;

	String authority() {
		return "ROLE_" + name();
	}
}
