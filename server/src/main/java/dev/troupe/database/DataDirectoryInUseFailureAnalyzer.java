package dev.troupe.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Replaces the long bean-creation stack trace of a second Troupe on the same data directory with Spring Boot's short
 * "APPLICATION FAILED TO START" report. Registered in META-INF/spring.factories.
 */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
		return new FailureAnalysis(cause.problem(), DataDirectoryInUseException.ACTION, cause);
	}

}
