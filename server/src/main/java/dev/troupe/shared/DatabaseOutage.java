package dev.troupe.shared;

import java.sql.SQLException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means "the database is unreachable for now" (restarting, connection cut) rather than a bug or
 * bad data. Such a failure is answered with 503 and background work is retried later instead of being marked
 * failed: the database comes back and nothing it acknowledged is lost.
 */
public final class DatabaseOutage {

	private DatabaseOutage() {
	}

	public static boolean is(Throwable failure) {
		// a commit or rollback failing without a SQL state: the pool found the connection closed under it
		if (failure instanceof org.springframework.transaction.TransactionSystemException tx
				&& tx.getCause() instanceof SQLException sql && sql.getSQLState() == null) {
			return true;
		}
		for (var t = failure; t != null; t = t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
					|| t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException) {
				return true;
			}
			// connection exceptions (08xxx) and administrator shutdowns (57Pxx), e.g. a commit on a dead connection
			if (t instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
		}
		return false;
	}
}
