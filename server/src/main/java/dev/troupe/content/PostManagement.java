package dev.troupe.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.troupe.character.CharacterManagement;
import dev.troupe.content.PostEvents.PostApproved;
import dev.troupe.content.PostEvents.PostChanged;
import dev.troupe.generation.GenerationJob;
import dev.troupe.generation.GenerationKind;
import dev.troupe.generation.GenerationManagement;
import dev.troupe.media.MediaManagement;
import dev.troupe.security.StudioSettings;
import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;
import dev.troupe.shared.ApiProblem.FieldProblem;
import tools.jackson.databind.JsonNode;

/**
 * The content module's API: posts from draft to approval, and the lifecycle states publishing reports back.
 */
@Service
@Transactional
public class PostManagement {

	private final Posts posts;
	private final CharacterManagement characters;
	private final MediaManagement media;
	private final ChannelRules rules;
	private final ApplicationEventPublisher events;
	private final StudioSettings studio;
	private final DisclosureCheck disclosure;
	private final GenerationManagement generation;
	private final TransactionTemplate transactions;

	PostManagement(Posts posts, CharacterManagement characters, MediaManagement media, ChannelRules rules,
			ApplicationEventPublisher events, StudioSettings studio, DisclosureCheck disclosure,
			GenerationManagement generation, PlatformTransactionManager transactionManager) {
		this.generation = generation;
		this.transactions = new TransactionTemplate(transactionManager);
		this.disclosure = disclosure;
		this.posts = posts;
		this.studio = studio;
		this.characters = characters;
		this.media = media;
		this.rules = rules;
		this.events = events;
	}

	/**
	 * What a person writes: every field optional on PATCH. {@code replyTo} makes the post an answer on its one
	 * channel; it is set when the post is created and never changed.
	 */
	public record PostInput(UUID characterId, String caption, List<Post.Media> media, List<UUID> channelIds,
			Map<UUID, Post.Variant> variants, UUID captionJobId, Post.ReplyTo replyTo) {

		public PostInput(UUID characterId, String caption, List<Post.Media> media, List<UUID> channelIds,
				Map<UUID, Post.Variant> variants, UUID captionJobId) {
			this(characterId, caption, media, channelIds, variants, captionJobId, null);
		}
	}

	/** A created post, or ({@code replayed}) the one an earlier request with the same Idempotency-Key created. */
	public record Created(Post post, boolean replayed) {
	}

	public Created create(PostInput input, String idempotencyKey, String requestBody) {
		if (idempotencyKey != null && !idempotencyKey.isBlank()) {
			var hash = sha256(requestBody);
			var actor = Actors.current();
			var earlier = posts.idempotent(actor, idempotencyKey);
			if (earlier.isPresent()) {
				if (!earlier.get().getKey().equals(hash)) {
					throw ApiProblem.conflict("Idempotency-Key",
							"This Idempotency-Key was already used with a different request body");
				}
				return new Created(get(earlier.get().getValue()), true);
			}
			var post = insert(input);
			try {
				posts.remember(actor, idempotencyKey, hash, post.id());
			}
			catch (org.springframework.dao.DuplicateKeyException race) {
				throw ApiProblem.conflict("Idempotency-Key", "A request with this Idempotency-Key is in progress; retry it");
			}
			return new Created(post, false);
		}
		return new Created(insert(input), false);
	}

	private Post insert(PostInput input) {
		if (input.characterId() == null) {
			throw ApiProblem.badRequest("characterId", "is required");
		}
		characters.get(input.characterId());
		noNulls(input);
		var now = now();
		var lore = captionLore(input.captionJobId(), input.characterId());
		var post = new Post(UUID.randomUUID(), input.characterId(), input.caption(), input.media(), input.channelIds(),
				input.variants(), PostState.DRAFT, null, null, Actors.current(), now, now, 1, List.of(Actors.current()),
				input.captionJobId(), lore, null, input.replyTo());
		checkShape(post);
		posts.insert(post);
		audit(post, "post.created", Map.of());
		return post;
	}

	public Post update(UUID id, PostInput change, Integer expectedVersion) {
		var current = get(id);
		if (expectedVersion != null && expectedVersion != current.version()) {
			throw stale();
		}
		if (!current.state().editable()) {
			throw ApiProblem.conflict("state", "The post is " + current.state() + ": unschedule it before editing");
		}
		noNulls(change);
		var wasReviewed = current.state() == PostState.APPROVED || current.state() == PostState.REJECTED;
		var caption = pick(change.caption(), current.caption());
		var relinked = change.captionJobId() != null && !change.captionJobId().equals(current.captionJobId());
		var next = new Post(current.id(), current.characterId(), caption,
				pick(change.media(), current.media()), pick(change.channelIds(), current.channelIds()),
				pick(change.variants(), current.variants()), wasReviewed ? PostState.IN_REVIEW : current.state(),
				current.review(), null, current.createdBy(), current.createdAt(), now(), current.version() + 1,
				editorsAfterEdit(current), relinked ? change.captionJobId() : current.captionJobId(),
				relinked ? captionLore(change.captionJobId(), current.characterId()) : current.loreUsed(),
				// a verdict is about the caption it checked: an edited caption is checked again at submit
				caption.equals(current.caption()) ? current.continuity() : null, current.replyTo());
		checkShape(next);
		if (wasReviewed) {
			checkRules(next); // back to review: it must still fit its channels
		}
		save(current, next, "post.updated", wasReviewed ? Map.of("backToReview", true) : Map.of());
		return next;
	}

	public void delete(UUID id) {
		var post = get(id);
		if (post.state() == PostState.SCHEDULED || post.state() == PostState.PUBLISHING) {
			throw ApiProblem.conflict("state", "The post is " + post.state() + ": unschedule it first");
		}
		posts.delete(id);
		audit(post, "post.deleted", Map.of());
	}

	/**
	 * Submits for review (or approves, where every channel auto-approves). The caption's continuity with the
	 * persona and lore is checked first, on the text backend and outside any transaction (it waits for the
	 * backend); the verdict is stored with the post, and refuses the submission only when the studio setting
	 * {@code continuityBlocksSubmit} is on.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public Post submit(UUID id) {
		var before = get(id);
		if (before.state().editable() && !before.channelIds().isEmpty()
				&& (before.continuity() == null || !before.continuity().checked())) {
			var verdict = generation.checkContinuity(before.characterId(), before.caption());
			transactions.executeWithoutResult(tx -> posts.continuity(id, before.caption(), verdict));
		}
		return transactions.execute(tx -> submitChecked(id));
	}

	private Post submitChecked(UUID id) {
		var post = get(id);
		if (!post.state().editable()) {
			throw ApiProblem.conflict("state", "A " + post.state() + " post cannot be submitted");
		}
		if (post.channelIds().isEmpty()) {
			throw ApiProblem.unprocessable("channelIds", "choose at least one channel to publish to");
		}
		checkRules(post);
		var continuity = post.continuity();
		if (continuity != null && continuity.flagged() && studio.continuityBlocksSubmit()) {
			throw ApiProblem.unprocessable("caption", "contradicts the character's persona or lore: " + continuity.reason()
					+ " (the studio setting continuityBlocksSubmit is on; edit the caption, or an owner turns it off)");
		}
		// a reply is approved automatically only by the inbox's own per-channel setting (approveAutomatically)
		if (post.replyTo() == null && rules.autoApproves(post.channelIds())) {
			var review = new Post.Review("auto-approval", now(), "auto-approved: every target channel has auto-approval on", true);
			var approved = with(post, PostState.APPROVED, review, null);
			save(post, approved, "post.approved", Map.of("automatically", true));
			events.publishEvent(new PostApproved(post.id(), post.characterId(), "auto-approval", true));
			return approved;
		}
		var submitted = with(post, PostState.IN_REVIEW, post.review(), null);
		save(post, submitted, "post.submitted",
				continuity != null && continuity.flagged() ? Map.of("continuityFlag", continuity.reason()) : Map.of());
		return submitted;
	}

	/**
	 * Reviewers and owners approve. Nobody approves a post they wrote or edited since its last approval; an owner
	 * may, only when the studio setting {@code ownerSelfApproval} is on, and that approval is marked in the audit log.
	 */
	public Post approve(UUID id, String comment, boolean actorIsOwner) {
		var post = get(id);
		if (post.state() != PostState.IN_REVIEW) {
			throw ApiProblem.conflict("state", "Only posts in review can be approved; this one is " + post.state());
		}
		var actor = Actors.current();
		var own = post.authoredBy(actor);
		if (own && !(actorIsOwner && studio.ownerSelfApproval())) {
			throw new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", actorIsOwner
					? "You wrote or edited this post, and owners approving their own posts is off in the studio settings; "
							+ "another reviewer must approve it, or turn on ownerSelfApproval"
					: "You wrote or edited this post; another reviewer or an owner must approve it", List.of());
		}
		var approved = with(post, PostState.APPROVED, new Post.Review(actor, now(), comment, true), null);
		save(post, approved, "post.approved", own ? Map.of("selfApproval", true) : Map.of());
		events.publishEvent(new PostApproved(post.id(), post.characterId(), actor, false));
		return approved;
	}

	/**
	 * Approves a post in review without a person, for a rule an owner turned on (the inbox's auto-approval of
	 * replies); {@code reason} says which, in the review and the audit log.
	 */
	public Post approveAutomatically(UUID id, String reason) {
		var post = get(id);
		if (post.state() != PostState.IN_REVIEW) {
			throw ApiProblem.conflict("state", "Only posts in review can be approved; this one is " + post.state());
		}
		var approved = with(post, PostState.APPROVED, new Post.Review("auto-approval", now(), reason, true), null);
		save(post, approved, "post.approved", Map.of("automatically", true, "reason", reason));
		events.publishEvent(new PostApproved(post.id(), post.characterId(), "auto-approval", true));
		return approved;
	}

	public Post reject(UUID id, String comment) {
		var post = get(id);
		if (comment == null || comment.isBlank()) {
			throw ApiProblem.badRequest("comment", "say why, so the author can fix it");
		}
		if (post.state() != PostState.IN_REVIEW && post.state() != PostState.APPROVED) {
			throw ApiProblem.conflict("state", "Only posts in review or approved can be rejected; this one is " + post.state());
		}
		var rejected = with(post, PostState.REJECTED, new Post.Review(Actors.current(), now(), comment.trim(), false), null);
		save(post, rejected, "post.rejected", Map.of("comment", comment.trim()));
		return rejected;
	}

	@Transactional(readOnly = true)
	public Post get(UUID id) {
		return posts.find(id).orElseThrow(() -> ApiProblem.notFound("Post", id));
	}

	/** Several posts in one query, by id (unknown ids are left out): for lists that show many at once. */
	@Transactional(readOnly = true)
	public Map<UUID, Post> getAll(java.util.Collection<UUID> ids) {
		return posts.findAll(ids);
	}

	@Transactional(readOnly = true)
	public List<Post> search(PostState state, UUID characterId, Instant from, Instant to) {
		return posts.search(new PostFilter(state == null ? List.of() : List.of(state), characterId, null, null, from, to,
				null, 500, 0));
	}

	/** One page of the posts matching the filter, and how many match in all. */
	public record Page(List<Post> items, long total) {
	}

	/** {@code count}: whether to count every match (for paging); otherwise the total is the page's size. */
	@Transactional(readOnly = true)
	public Page search(PostFilter filter, boolean count) {
		var items = posts.search(filter);
		return new Page(items, count ? posts.count(filter) : items.size());
	}

	/** Checks a post against its channels again (publishing calls this before scheduling). */
	@Transactional(readOnly = true)
	public void checkPublishable(Post post) {
		checkRules(post);
	}

	/** Publishing reports lifecycle changes; {@code scheduledAt} is kept unless given. */
	public Post lifecycle(UUID id, PostState state, Instant scheduledAt) {
		var post = get(id);
		if (post.state() == state && (scheduledAt == null || scheduledAt.equals(post.scheduledAt()))) {
			return post;
		}
		var next = with(post, state, post.review(),
				state == PostState.APPROVED ? null : scheduledAt != null ? scheduledAt : post.scheduledAt());
		save(post, next, "post." + state.name().toLowerCase(), Map.of());
		return next;
	}

	private Post with(Post p, PostState state, Post.Review review, Instant scheduledAt) {
		return new Post(p.id(), p.characterId(), p.caption(), p.media(), p.channelIds(), p.variants(), state, review,
				scheduledAt, p.createdBy(), p.createdAt(), now(), p.version() + 1, p.editors(), p.captionJobId(),
				p.loreUsed(), p.continuity(), p.replyTo());
	}

	/** An approved revision is done: editing it starts a new one. Until then every editor is remembered. */
	private static List<String> editorsAfterEdit(Post current) {
		var actor = Actors.current();
		if (current.state() == PostState.APPROVED) {
			return List.of(actor);
		}
		var editors = new ArrayList<>(current.editors());
		if (editors.stream().noneMatch(e -> e.equalsIgnoreCase(actor))) {
			editors.add(actor);
		}
		return editors;
	}

	private void save(Post current, Post next, String action, Map<String, Object> detail) {
		if (!posts.update(next, current.version())) {
			throw stale();
		}
		audit(next, action, detail);
	}

	/** The lore a caption job used, for a post made from it; the job must be a caption of the same character. */
	private JsonNode captionLore(UUID jobId, UUID characterId) {
		if (jobId == null) {
			return null;
		}
		GenerationJob job;
		try {
			job = generation.get(jobId);
		}
		catch (ApiProblem notFound) {
			throw ApiProblem.unprocessable("captionJobId", "is not a generation job");
		}
		if (job.kind() != GenerationKind.CAPTION || !job.characterId().equals(characterId)) {
			throw ApiProblem.unprocessable("captionJobId", "must be a caption job of the post's character");
		}
		return job.loreUsed();
	}

	private void checkShape(Post post) {
		var errors = new ArrayList<FieldProblem>();
		if (post.caption().length() > 100_000) {
			errors.add(new FieldProblem("caption", "must be at most 100000 characters"));
		}
		for (int i = 0; i < post.media().size(); i++) {
			var m = post.media().get(i);
			if (m == null || m.assetId() == null || media.find(m.assetId()).isEmpty()) {
				errors.add(new FieldProblem("media[" + i + "].assetId", "is not a stored media asset"));
			}
			else if (m.altText() != null && m.altText().length() > 1500) {
				errors.add(new FieldProblem("media[" + i + "].altText", "must be at most 1500 characters"));
			}
		}
		if (post.replyTo() != null) {
			var reply = post.replyTo();
			if (reply.remoteId() == null || reply.remoteId().isBlank() || reply.remoteId().length() > 500) {
				errors.add(new FieldProblem("replyTo.remoteId", "is required: the platform id of what the post answers"));
			}
			if (post.channelIds().size() != 1) {
				errors.add(new FieldProblem("channelIds", "a reply goes to exactly one channel, where the item it answers is"));
			}
			if (reply.refs().size() > 20 || reply.refs().entrySet().stream()
				.anyMatch(e -> e.getKey() == null || e.getValue() == null || e.getValue().length() > 2000)) {
				errors.add(new FieldProblem("replyTo.refs", "at most 20 references, each a text of at most 2000 characters"));
			}
		}
		for (var target : post.variants().keySet()) {
			if (!post.channelIds().contains(target)) {
				errors.add(new FieldProblem("variants." + target, "is not one of the post's channels"));
			}
		}
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
	}

	private void checkRules(Post post) {
		var problems = new ArrayList<>(rules.validate(post));
		problems.addAll(disclosure.problems(post));
		if (!problems.isEmpty()) {
			var detail = problems.stream().map(p -> p.field() + ": " + p.reason()).reduce((a, b) -> a + "; " + b).orElse("");
			throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Does not fit its channels", detail, problems);
		}
	}

	private void audit(Post post, String action, Map<String, Object> detail) {
		var all = new LinkedHashMap<String, Object>(detail);
		all.put("state", post.state().name());
		events.publishEvent(new PostChanged(post.id(), Actors.current(), action, all));
	}

	private static ApiProblem stale() {
		return ApiProblem.conflict("version", "Someone else changed this post in the meantime; reload it");
	}

	private static <T> T pick(T given, T current) {
		return given != null ? given : current;
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A {@code null} inside a list is a client mistake; it would otherwise break the post's immutable copies. */
	private static void noNulls(PostInput input) {
		for (var list : java.util.Map.of("channelIds", input.channelIds() == null ? List.of() : input.channelIds(), "media",
				input.media() == null ? List.of() : input.media()).entrySet()) {
			for (int i = 0; i < list.getValue().size(); i++) {
				if (list.getValue().get(i) == null) {
					throw ApiProblem.badRequest(list.getKey() + "[" + i + "]", "must not be null");
				}
			}
		}
		if (input.variants() != null && input.variants().containsValue(null)) {
			throw ApiProblem.badRequest("variants", "must not contain null entries");
		}
	}
}
