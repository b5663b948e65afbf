package dev.troupe.engagement;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.troupe.engagement.InboxChannels.Blocklist;
import dev.troupe.engagement.InboxConversations.Detail;
import dev.troupe.engagement.InboxItem.State;
import dev.troupe.engagement.InboxItems.Filter;
import dev.troupe.engagement.InboxManagement.ChannelInbox;
import dev.troupe.engagement.InboxManagement.ChannelInboxInput;
import dev.troupe.engagement.InboxManagement.Page;
import dev.troupe.engagement.InboxManagement.Reply;
import dev.troupe.shared.ApiProblem;

/** The inbox over HTTP: everyone reads, editors triage and answer, owners set the block list and channel rules. */
@RestController
@RequestMapping("/api/v1")
class InboxController {

	private final InboxManagement inbox;
	private final InboxConversations conversations;

	InboxController(InboxManagement inbox, InboxConversations conversations) {
		this.inbox = inbox;
		this.conversations = conversations;
	}

	@GetMapping("/inbox")
	@PreAuthorize("hasRole('VIEWER')")
	Page list(@RequestParam(required = false) UUID characterId, @RequestParam(required = false) UUID channelId,
			@RequestParam(required = false) String platform, @RequestParam(required = false) String state,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) Instant before) {
		return inbox.list(new Filter(characterId, channelId, blankToNull(platform),
				blankToNull(state) == null ? null : State.parse(state.strip()), blankToNull(q), before), limit);
	}

	@GetMapping("/inbox/count")
	@PreAuthorize("hasRole('VIEWER')")
	Map<String, Integer> count() {
		return Map.of("open", inbox.openCount());
	}

	@GetMapping("/inbox/blocklist")
	@PreAuthorize("hasRole('VIEWER')")
	Blocklist blocklist() {
		return inbox.blocklist();
	}

	@PutMapping("/inbox/blocklist")
	@PreAuthorize("hasRole('OWNER')")
	Blocklist blocklist(@RequestBody Blocklist list) {
		return inbox.blocklist(list);
	}

	@GetMapping("/inbox/{id}")
	@PreAuthorize("hasRole('VIEWER')")
	Detail get(@PathVariable UUID id) {
		return conversations.detail(inbox.get(id));
	}

	@PostMapping("/inbox/{id}/dismiss")
	@PreAuthorize("hasRole('EDITOR')")
	InboxItem dismiss(@PathVariable UUID id) {
		return inbox.dismiss(id);
	}

	@PostMapping("/inbox/{id}/reopen")
	@PreAuthorize("hasRole('EDITOR')")
	InboxItem reopen(@PathVariable UUID id) {
		return inbox.reopen(id);
	}

	@PostMapping("/inbox/{id}/drafts")
	@PreAuthorize("hasRole('EDITOR')")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, UUID> drafts(@PathVariable UUID id) {
		return Map.of("jobId", conversations.draft(inbox.get(id)));
	}

	record ReplyInput(String text) {
	}

	@PostMapping("/inbox/{id}/reply")
	@PreAuthorize("hasRole('EDITOR')")
	@ResponseStatus(HttpStatus.CREATED)
	Reply reply(@PathVariable UUID id, @RequestBody(required = false) ReplyInput input) {
		if (input == null) {
			throw ApiProblem.badRequest("text", "is required: the reply to send");
		}
		return inbox.reply(id, input.text());
	}

	@GetMapping("/channels/{channelId}/inbox")
	@PreAuthorize("hasRole('VIEWER')")
	ChannelInbox channel(@PathVariable UUID channelId) {
		return inbox.channel(channelId);
	}

	@PutMapping("/channels/{channelId}/inbox")
	@PreAuthorize("hasRole('OWNER')")
	ChannelInbox channel(@PathVariable UUID channelId, @RequestBody(required = false) ChannelInboxInput input) {
		return inbox.channel(channelId, input);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
