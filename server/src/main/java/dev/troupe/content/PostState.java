package dev.troupe.content;

/** draft → in review → approved | rejected → scheduled → publishing → published | failed | unconfirmed. */
public enum PostState {
	DRAFT, IN_REVIEW, APPROVED, REJECTED, SCHEDULED, PUBLISHING, PUBLISHED, FAILED, UNCONFIRMED;

	boolean editable() {
		return this == DRAFT || this == IN_REVIEW || this == APPROVED || this == REJECTED;
	}
}
