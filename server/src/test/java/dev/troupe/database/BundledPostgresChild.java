package dev.troupe.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A stand-in for a Troupe process in tests: starts BundledPostgres on the directory given as argument, writes a row,
 * prints READY and waits to be killed. Like the Spring context, a shutdown hook closes it on SIGTERM.
 */
public final class BundledPostgresChild {

	private BundledPostgresChild() {
	}

	public static void main(String[] args) throws Exception {
		BundledPostgres postgres = BundledPostgres.start(Path.of(args[0]));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				postgres.close();
			}
			catch (Exception ex) {
				ex.printStackTrace();
			}
		}));
		try (Connection connection = postgres.getDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS note (text varchar(100) NOT NULL)");
			statement.execute("INSERT INTO note VALUES ('written by child')");
		}
		System.out.println("READY");
		System.out.flush();
		Thread.sleep(Long.MAX_VALUE);
	}

}
