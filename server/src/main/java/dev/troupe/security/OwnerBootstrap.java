package dev.troupe.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import dev.troupe.shared.ApiProblem;

/**
 * Creates the owner from TROUPE_ADMIN_EMAIL and TROUPE_ADMIN_PASSWORD on first start, when nobody exists yet.
 * Without them the dashboard offers a one-time "create the owner" page instead, which asks for the setup code
 * printed in the log.
 */
@Component
class OwnerBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(OwnerBootstrap.class);

	private final Users users;
	private final UserManagement management;
	private final OwnerSetup setup;
	private final String email;
	private final String password;

	OwnerBootstrap(Users users, UserManagement management, OwnerSetup setup, @Value("${troupe.admin.email:}") String email,
			@Value("${troupe.admin.password:}") String password) {
		this.users = users;
		this.management = management;
		this.setup = setup;
		this.email = email;
		this.password = password;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (users.any()) {
			return;
		}
		if (email.isBlank() || password.isBlank()) {
			setup.announce();
			return;
		}
		try {
			management.create(new UserManagement.NewUser(email, password, null, Role.OWNER));
			log.info("Created the owner account {}", email);
		}
		catch (ApiProblem problem) {
			log.error("TROUPE_ADMIN_EMAIL/TROUPE_ADMIN_PASSWORD not used: {}", problem.getMessage());
			setup.announce();
		}
	}
}
