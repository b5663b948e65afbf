package dev.troupe.character;

import java.util.Map;
import java.util.UUID;

import dev.troupe.shared.AuditableEvent;

/**
 * What happened to characters, for other modules and the audit log.
 */
public final class CharacterEvents {

	private CharacterEvents() {
	}

	public record CharacterCreated(UUID characterId, String handle, String actor, String source)
			implements AuditableEvent {

		public String action() {
			return "character.created";
		}

		public String subjectType() {
			return "character";
		}

		public String subjectId() {
			return characterId.toString();
		}

		public Map<String, Object> detail() {
			return Map.of("handle", handle, "source", source);
		}
	}

	public record CharacterUpdated(UUID characterId, String handle, String actor, String what)
			implements AuditableEvent {

		public String action() {
			return "character.updated";
		}

		public String subjectType() {
			return "character";
		}

		public String subjectId() {
			return characterId.toString();
		}

		public Map<String, Object> detail() {
			return Map.of("handle", handle, "changed", what);
		}
	}

	public record CharacterDeleted(UUID characterId, String handle, String actor) implements AuditableEvent {

		public String action() {
			return "character.deleted";
		}

		public String subjectType() {
			return "character";
		}

		public String subjectId() {
			return characterId.toString();
		}

		public Map<String, Object> detail() {
			return Map.of("handle", handle);
		}
	}
}
