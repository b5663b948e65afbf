package dev.troupe.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The dashboard's sessions, stored in PostgreSQL by Spring Session JDBC and indexed by principal name (the
 * user's e-mail). A session keeps the user it was signed in with, so a change to that user must end them.
 */
@Component
class Sessions {

	private static final Logger log = LoggerFactory.getLogger(Sessions.class);

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	Sessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	/**
	 * Ends every session of the user, once the surrounding transaction commits (a refused change, e.g. removing
	 * the last owner, signs nobody out).
	 */
	void endAllOf(String email) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					end(email);
				}
			});
		}
		else {
			end(email);
		}
	}

	private void end(String email) {
		var ids = sessions.findByPrincipalName(email).keySet();
		ids.forEach(sessions::deleteById);
		if (!ids.isEmpty()) {
			log.info("Ended {} session(s) of a changed user", ids.size());
		}
	}
}
