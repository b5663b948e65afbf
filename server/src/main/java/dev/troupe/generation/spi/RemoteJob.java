package dev.troupe.generation.spi;

import java.util.Map;

/**
 * The server's handle of a submitted job (e.g. ComfyUI's prompt_id), stored by Troupe so a restarted node
 * resumes following the same job instead of submitting it again. {@code state} holds whatever else the
 * adapter needs to resume (client id, uploaded file names…). {@code remoteId} is null when the server has none.
 */
public record RemoteJob(String backendId, String remoteId, Map<String, String> state) {

	public RemoteJob {
		state = state == null ? Map.of() : Map.copyOf(state);
	}
}
