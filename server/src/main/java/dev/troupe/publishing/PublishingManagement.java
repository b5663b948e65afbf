package dev.troupe.publishing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;


import dev.troupe.character.CharacterManagement;
import dev.troupe.content.PostManagement;
import dev.troupe.content.PostState;
import dev.troupe.publishing.Publication.State;
import dev.troupe.shared.ApiProblem;

/**
 * Scheduling posts onto their channels (at a time, or into queue slots), unscheduling, the calendar, and a
 * person's decisions about unconfirmed publications. Each publication and its due-time task are written in
 * the same transaction.
 */
@Service
@Transactional
class PublishingManagement {

	private final Publications publications;
	private final Channels channels;
	private final PostManagement posts;
	private final CharacterManagement characters;
	private final PostRollup rollup;
	private final PublicationTasks tasks;
	private final ApplicationEventPublisher events;

	PublishingManagement(Publications publications, Channels channels, PostManagement posts,
			CharacterManagement characters, PostRollup rollup, PublicationTasks tasks, ApplicationEventPublisher events) {
		this.publications = publications;
		this.channels = channels;
		this.posts = posts;
		this.characters = characters;
		this.rollup = rollup;
		this.tasks = tasks;
		this.events = events;
	}

	/** At a local time in the character's zone ("2026-12-01T09:00") or an instant with an offset. */
	void schedule(UUID postId, String at) {
		var post = schedulable(postId);
		var zone = ZoneId.of(characters.get(post.characterId()).timeZone());
		var when = parse(at, zone);
		if (when.isBefore(Instant.now().minusSeconds(60))) {
			throw ApiProblem.badRequest("at", "is in the past");
		}
		for (var channelId : post.channelIds()) {
			arm(publications.upsert(postId, channelId, when), when);
		}
		posts.lifecycle(postId, PostState.SCHEDULED, when);
	}

	/** Each channel's next free queue slot. */
	void queue(UUID postId) {
		var post = schedulable(postId);
		var zone = ZoneId.of(characters.get(post.characterId()).timeZone());
		var problems = new ArrayList<ApiProblem.FieldProblem>();
		var times = new HashMap<UUID, Instant>();
		for (var channelId : post.channelIds()) {
			var channel = channels.find(channelId).orElseThrow(() -> ApiProblem.notFound("Channel", channelId));
			var slot = QueueSlots.next(channel.queueSlots(), zone, Instant.now(), publications.takenSlots(channelId));
			if (slot.isEmpty()) {
				problems.add(new ApiProblem.FieldProblem("channels." + channelId + ".queueSlots",
						channel.name() + " has no free queue slot in the next 12 weeks: add slots under Channels"));
			}
			else {
				times.put(channelId, slot.get());
			}
		}
		if (!problems.isEmpty()) {
			throw ApiProblem.invalid(problems);
		}
		times.forEach((channelId, when) -> arm(publications.upsert(postId, channelId, when), when));
		posts.lifecycle(postId, PostState.SCHEDULED, times.values().stream().min(Instant::compareTo).orElseThrow());
	}

	void unschedule(UUID postId) {
		var post = posts.get(postId);
		var list = publications.ofPost(postId);
		if (list.stream().anyMatch(p -> p.state() == State.IN_FLIGHT || p.state() == State.PENDING)) {
			throw ApiProblem.conflict("state", "The post is being published right now; wait for the outcome");
		}
		for (var p : list) {
			if (publications.move(p.id(), State.CANCELLED,
					List.of(State.SCHEDULED, State.DUE, State.RETRY_WAIT, State.WAITING_FOR_CHANNEL), "unscheduled")) {
				cancelTask(p.id());
			}
			else if (!p.state().finished() && p.state() != State.UNCONFIRMED) {
				// the runner claimed it meanwhile: roll everything back rather than half-unschedule
				throw ApiProblem.conflict("state", "The post started publishing just now; wait for the outcome");
			}
		}
		if (post.state() == PostState.SCHEDULED) {
			posts.lifecycle(postId, PostState.APPROVED, null);
		}
		else {
			afterCommit(() -> rollup.update(postId));
		}
	}

	/** A person checked the platform: the unconfirmed post is there. */
	Publication markPublished(UUID id, String url) {
		var p = unconfirmed(id);
		if (!publications.published(id, p.remoteId(), url)) {
			throw ApiProblem.conflict("state", "The publication changed meanwhile; reload it");
		}
		publications.finishAttempt(id, "MARKED_PUBLISHED", "marked published by a person");
		events.publishEvent(new PublishingEvents.PublicationPublished(id, p.postId(), p.channelId(), p.remoteId(), url));
		afterCommit(() -> rollup.update(p.postId()));
		return publications.find(id).orElseThrow();
	}

	/** A person checked the platform: the post is not there; send it again now. */
	Publication publishAgain(UUID id) {
		var p = unconfirmed(id);
		if (!publications.move(id, State.RETRY_WAIT, List.of(State.UNCONFIRMED, State.FAILED), "publishing again on request")) {
			throw ApiProblem.conflict("state", "The publication changed meanwhile; reload it");
		}
		publications.clearMarkers(id);
		arm(id, Instant.now());
		afterCommit(() -> rollup.update(p.postId()));
		return publications.find(id).orElseThrow();
	}

	@Transactional(readOnly = true)
	List<Publication> ofPost(UUID postId) {
		posts.get(postId);
		return publications.ofPost(postId);
	}

	record CalendarEntry(UUID publicationId, UUID postId, UUID characterId, UUID channelId, String platform, String state,
			Instant at, String caption, UUID thumbnailAssetId) {
	}

	@Transactional(readOnly = true)
	List<CalendarEntry> calendar(Instant from, Instant to, UUID characterId, UUID channelId) {
		var entries = new ArrayList<CalendarEntry>();
		var due = publications.dueBetween(from, to, characterId, channelId);
		var byId = posts.getAll(due.stream().map(Publication::postId).collect(java.util.stream.Collectors.toSet()));
		for (var p : due) {
			var post = byId.get(p.postId());
			if (post == null) {
				continue; // deleted after the query above
			}
			var caption = post.captionFor(p.channelId());
			entries.add(new CalendarEntry(p.id(), p.postId(), post.characterId(), p.channelId(), p.platform(),
					p.state().name(), p.dueAt(), caption.length() > 140 ? caption.substring(0, 137) + "…" : caption,
					post.media().isEmpty() ? null : post.media().get(0).assetId()));
		}
		return entries;
	}

	private dev.troupe.content.Post schedulable(UUID postId) {
		var post = posts.get(postId);
		if (post.state() != PostState.APPROVED && post.state() != PostState.SCHEDULED) {
			throw ApiProblem.conflict("state", "Only approved posts can be scheduled; this one is " + post.state());
		}
		posts.checkPublishable(post);
		return post;
	}

	private Publication unconfirmed(UUID id) {
		var p = publications.find(id).orElseThrow(() -> ApiProblem.notFound("Publication", id));
		if (p.state() != State.UNCONFIRMED && p.state() != State.FAILED) {
			throw ApiProblem.conflict("state", "Only unconfirmed or failed publications need a decision; this one is " + p.state());
		}
		return p;
	}

	/** The post roll-up runs in its own transaction, after this one committed what it decided. */
	private static void afterCommit(Runnable action) {
		org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
				new org.springframework.transaction.support.TransactionSynchronization() {
					@Override
					public void afterCommit() {
						action.run();
					}
				});
	}

	private void arm(UUID publicationId, Instant when) {
		tasks.arm(publicationId, when);
	}

	private void cancelTask(UUID publicationId) {
		tasks.cancel(publicationId);
	}

	private static Instant parse(String at, ZoneId zone) {
		if (at == null || at.isBlank()) {
			throw ApiProblem.badRequest("at", "is required, e.g. 2026-12-01T09:00 (the character's local time)");
		}
		try {
			return OffsetDateTime.parse(at).toInstant();
		}
		catch (DateTimeParseException notOffset) {
			try {
				return LocalDateTime.parse(at).atZone(zone).toInstant();
			}
			catch (DateTimeParseException e) {
				throw ApiProblem.badRequest("at", "must be a local date-time like 2026-12-01T09:00 or an instant with offset");
			}
		}
	}
}
