package dev.troupe.database;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive OS lock on {@code <dataDir>/troupe.lock}, held while Troupe uses the data directory. The OS drops it
 * when the process dies, so a crashed Troupe never leaves it behind, unlike a marker file.
 */
final class DataDirectoryLock implements AutoCloseable {

	static final String FILE_NAME = "troupe.lock";

	/**
	 * Data directories locked by this JVM. Checked before opening the file because POSIX drops all of a process's
	 * locks on a file when any descriptor of it is closed: probing with a second channel would release our own lock.
	 */
	private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

	private final Path dataDirectory;

	private final FileChannel channel;

	private final FileLock lock;

	private DataDirectoryLock(Path dataDirectory, FileChannel channel, FileLock lock) {
		this.dataDirectory = dataDirectory;
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * Locks the directory (created if missing), or throws {@link DataDirectoryInUseException} if another Troupe holds
	 * it.
	 */
	static DataDirectoryLock acquire(Path dataDirectory) throws IOException {
		Path dir = dataDirectory.toAbsolutePath().normalize();
		Files.createDirectories(dir);
		if (!HELD.add(dir)) {
			throw new DataDirectoryInUseException(dir, " (in this process)");
		}
		try {
			Path file = dir.resolve(FILE_NAME);
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				lock = null;
			}
			if (lock == null) {
				channel.close();
				throw new DataDirectoryInUseException(dir, holder(file));
			}
			// The PID is for people (and the error message of a second Troupe); the lock itself is what counts.
			channel.truncate(0);
			channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
			channel.force(true);
			return new DataDirectoryLock(dir, channel, lock);
		}
		catch (IOException | RuntimeException ex) {
			HELD.remove(dir);
			throw ex;
		}
	}

	private static String holder(Path file) {
		try {
			String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
			return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	public void close() throws IOException {
		try {
			if (this.lock.isValid()) {
				this.lock.release();
			}
			this.channel.close();
		}
		finally {
			HELD.remove(this.dataDirectory);
		}
	}

}
