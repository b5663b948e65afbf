package dev.troupe.publishing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

import dev.troupe.content.PostEvents.PostApproved;
import dev.troupe.publishing.PublishingEvents.ChannelNeedsReconnect;
import dev.troupe.publishing.PublishingEvents.PublicationFailed;
import dev.troupe.publishing.PublishingEvents.PublicationPublished;
import dev.troupe.publishing.PublishingEvents.PublicationUnconfirmed;
import dev.troupe.publishing.spi.WebhookSignature;
import dev.troupe.security.SecretCipher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends events to subscribed URLs, signed, each delivery a durable task retried with growing pauses (up to 8
 * attempts over about a day). Deliveries are created after the event's transaction committed, in their own:
 * a slow or failing receiver can never touch a publication.
 */
@Component
class WebhookDeliveries {

	private static final int MAX_ATTEMPTS = 8;
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Webhooks webhooks;
	private final SecretCipher cipher;
	private final JsonMapper json;
	private final SchedulerClient scheduler;
	private final CustomTask<Void> task;
	private final org.springframework.transaction.support.TransactionTemplate transactions;
	private volatile boolean anySubscription;
	private volatile long checkedAt;

	WebhookDeliveries(Webhooks webhooks, SecretCipher cipher, JsonMapper json, @Lazy SchedulerClient scheduler,
			@Lazy @Qualifier("webhookDeliveryTask") CustomTask<Void> task,
			org.springframework.transaction.support.TransactionTemplate transactions) {
		this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactions.getTransactionManager());
		this.transactions.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.webhooks = webhooks;
		this.cipher = cipher;
		this.json = json;
		this.scheduler = scheduler;
		this.task = task;
	}

	@TransactionalEventListener
	void on(PostApproved e) {
		send("post.approved", Map.of("postId", e.postId(), "characterId", e.characterId(), "by", String.valueOf(e.by()),
				"automatically", e.automatically()));
	}

	@TransactionalEventListener
	void on(PublicationPublished e) {
		send("post.published", Map.of("postId", e.postId(), "publicationId", e.publicationId(), "channelId", e.channelId(),
				"remoteId", String.valueOf(e.remoteId()), "url", String.valueOf(e.url())));
	}

	@TransactionalEventListener
	void on(PublicationFailed e) {
		send("post.failed", Map.of("postId", e.postId(), "publicationId", e.publicationId(), "channelId", e.channelId(),
				"reason", String.valueOf(e.reason())));
	}

	@TransactionalEventListener
	void on(PublicationUnconfirmed e) {
		send("post.unconfirmed", Map.of("postId", e.postId(), "publicationId", e.publicationId(), "channelId",
				e.channelId(), "reason", String.valueOf(e.reason())));
	}

	@TransactionalEventListener
	void on(ChannelNeedsReconnect e) {
		send("channel.needs_reconnect", Map.of("channelId", e.channelId(), "characterId", e.characterId(), "reason",
				String.valueOf(e.reason())));
	}

	/** Runs after the event's transaction committed, in its own; skipped cheaply when nobody subscribed. */
	private void send(String event, Map<String, Object> data) {
		if (!subscribed()) {
			return;
		}
		var body = json.writeValueAsString(new java.util.LinkedHashMap<>(Map.of("event", event, "at", Instant.now().toString(),
				"data", data)));
		transactions.executeWithoutResult(tx -> {
			for (var id : webhooks.enqueue(event, body)) {
				scheduler.schedule(task.instance(id.toString()), Instant.now());
			}
		});
	}

	/** Whether any subscription exists, re-read at most every 5 s (subscriptions change rarely). */
	private boolean subscribed() {
		var now = System.nanoTime();
		if (now - checkedAt > 5_000_000_000L) {
			anySubscription = !webhooks.all().isEmpty();
			checkedAt = now;
		}
		return anySubscription;
	}

	/** A new subscription is seen at once on this node. */
	void subscriptionsChanged() {
		checkedAt = 0;
	}

	CompletionHandler<Void> deliver(UUID id) {
		var delivery = webhooks.delivery(id).orElse(null);
		if (delivery == null) {
			return (complete, ops) -> ops.remove();
		}
		var timestamp = Instant.now().getEpochSecond();
		String error;
		try {
			var request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(Duration.ofSeconds(15))
				.header("Content-Type", "application/json").header("X-Troupe-Event", delivery.event())
				.header("X-Troupe-Timestamp", String.valueOf(timestamp))
				.header("X-Troupe-Signature", WebhookSignature.header(cipher.decrypt(delivery.secretCipher()), String.valueOf(timestamp), delivery.body()))
				.header("Idempotency-Key", delivery.id().toString())
				.POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build();
			var status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status / 100 == 2) {
				webhooks.attempted(id, "DELIVERED", null);
				return (complete, ops) -> ops.remove();
			}
			error = "HTTP " + status;
		}
		catch (Exception e) {
			if (e instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			error = e.getClass().getSimpleName() + ": " + e.getMessage();
		}
		var attempts = delivery.attempts() + 1;
		if (attempts >= MAX_ATTEMPTS) {
			webhooks.attempted(id, "FAILED", error);
			return (complete, ops) -> ops.remove();
		}
		webhooks.attempted(id, "PENDING", error);
		var next = Instant.now().plusSeconds((long) (30 * Math.pow(4, attempts - 1)));
		return (complete, ops) -> ops.reschedule(complete, next);
	}
}
