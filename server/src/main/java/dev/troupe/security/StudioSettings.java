package dev.troupe.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.troupe.shared.Actors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Settings of the whole studio that only owners change. A setting nobody chose has no row and takes its default,
 * computed here in one place, so a default may later depend on the studio (say, on while it has one member) while
 * an owner's explicit choice always wins.
 */
@Service
@Transactional
public class StudioSettings {

	static final String OWNER_SELF_APPROVAL = "ownerSelfApproval";
	static final String CONTINUITY_BLOCKS_SUBMIT = "continuityBlocksSubmit";
	static final String TIME_ZONE = "timeZone";
	static final String DISCLOSURE_POLICY = "disclosurePolicy";
	static final String DEFAULT_QUEUE_SLOTS = "defaultQueueSlots";

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final JsonMapper json;

	StudioSettings(JdbcClient jdbc, ApplicationEventPublisher events, JsonMapper json) {
		this.jdbc = jdbc;
		this.events = events;
		this.json = json;
	}

	/**
	 * The settings as they apply now; {@code ownerSelfApprovalChosen} says whether an owner chose the value or it is
	 * the default.
	 */
	public record Studio(boolean ownerSelfApproval, boolean ownerSelfApprovalChosen, boolean continuityBlocksSubmit,
			String timeZone, String disclosurePolicy, List<QueueSlot> defaultQueueSlots, long members) {
	}

	/**
	 * What new work starts with, readable by every member: the time zone of new characters, the disclosure line
	 * new characters carry, the queue slots new channels get.
	 */
	public record Defaults(String timeZone, String disclosurePolicy, List<QueueSlot> defaultQueueSlots) {
	}

	/** A weekly publishing time: {@code day} MONDAY…SUNDAY, {@code time} HH:mm. */
	public record QueueSlot(String day, String time) {
	}

	/** What an owner changes; null leaves a setting as it is. */
	record Change(Boolean ownerSelfApproval, Boolean continuityBlocksSubmit, String timeZone, String disclosurePolicy,
			List<QueueSlot> defaultQueueSlots) {

		boolean empty() {
			return ownerSelfApproval == null && continuityBlocksSubmit == null && timeZone == null
					&& disclosurePolicy == null && defaultQueueSlots == null;
		}
	}

	/** Whether an owner may approve a post they wrote or edited (the approval is audited). */
	@Transactional(readOnly = true)
	public boolean ownerSelfApproval() {
		return stored(OWNER_SELF_APPROVAL).orElseGet(this::defaultOwnerSelfApproval);
	}

	/**
	 * Whether a caption the continuity check flagged (it contradicts the character's persona or lore) is refused at
	 * submit. Off by default: the flag is shown in review and blocks nothing.
	 */
	@Transactional(readOnly = true)
	public boolean continuityBlocksSubmit() {
		return stored(CONTINUITY_BLOCKS_SUBMIT).orElse(false);
	}

	@Transactional(readOnly = true)
	public Studio current() {
		var chosen = stored(OWNER_SELF_APPROVAL);
		var defaults = defaults();
		return new Studio(chosen.orElseGet(this::defaultOwnerSelfApproval), chosen.isPresent(), continuityBlocksSubmit(),
				defaults.timeZone(), defaults.disclosurePolicy(), defaults.defaultQueueSlots(), members());
	}

	/** The studio's defaults for new characters and channels; UTC, no line and no slots until an owner sets them. */
	@Transactional(readOnly = true)
	public Defaults defaults() {
		var zone = text(TIME_ZONE).map(j -> json.readValue(j, String.class)).orElse("UTC");
		var slots = text(DEFAULT_QUEUE_SLOTS).map(j -> List.of(json.readValue(j, QueueSlot[].class))).orElse(List.of());
		return new Defaults(zone, text(DISCLOSURE_POLICY).map(j -> json.readValue(j, String.class)).orElse(""), slots);
	}

	Studio update(Change change) {
		if (change.ownerSelfApproval() != null) {
			store(OWNER_SELF_APPROVAL, change.ownerSelfApproval(), ownerSelfApproval());
		}
		if (change.continuityBlocksSubmit() != null) {
			store(CONTINUITY_BLOCKS_SUBMIT, change.continuityBlocksSubmit(), continuityBlocksSubmit());
		}
		var before = defaults();
		if (change.timeZone() != null) {
			store(TIME_ZONE, change.timeZone(), before.timeZone());
		}
		if (change.disclosurePolicy() != null) {
			store(DISCLOSURE_POLICY, change.disclosurePolicy().trim(), before.disclosurePolicy());
		}
		if (change.defaultQueueSlots() != null) {
			store(DEFAULT_QUEUE_SLOTS, change.defaultQueueSlots(), before.defaultQueueSlots());
		}
		return current();
	}

	private void store(String name, Object value, Object before) {
		jdbc.sql("""
				insert into security_studio_settings (name, value, updated_by, updated_at) values (?, cast(? as jsonb), ?, ?)
				on conflict (name) do update set value = excluded.value, updated_by = excluded.updated_by,
				    updated_at = excluded.updated_at""")
			.params(name, json.writeValueAsString(value), Actors.current(), Timestamp.from(Instant.now()))
			.update();
		events.publishEvent(new SecurityChange(Actors.current(), "studio.settings.updated", "studio", "settings",
				Map.of(name, value, "before", before)));
	}

	private long members() {
		return jdbc.sql("select count(*) from security_users where not disabled").query(Long.class).single();
	}

	/**
	 * On while the studio has a single member (a solo creator has nobody else to ask; the approval is still
	 * audited as a self-approval), off as soon as a second person could review.
	 */
	private boolean defaultOwnerSelfApproval() {
		return members() <= 1;
	}

	private Optional<Boolean> stored(String name) {
		return text(name).map(Boolean::parseBoolean);
	}

	private Optional<String> text(String name) {
		return jdbc.sql("select value::text from security_studio_settings where name = ?").param(name).query(String.class)
			.optional();
	}
}
