package dev.troupe.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provenance of videos too large for memory: read by box headers through ranges, carried into a file on disk in
 * place, with the same result as the in-memory path.
 */
class ProvenanceRangesTests {

	@TempDir
	Path dir;

	/** A 20 MB MP4: above the size that is read whole. */
	private static byte[] bigMp4() {
		var payload = new byte[20 * 1024 * 1024];
		new Random(3).nextBytes(payload);
		return ProvenanceTests.concat(ProvenanceTests.mp4(), ProvenanceTests.box("mdat", payload));
	}

	private static Provenance.Ranges ranges(byte[] file, AtomicLong read) {
		return (offset, length) -> {
			var count = (int) (length < 0 ? file.length - offset : Math.min(length, file.length - offset));
			read.addAndGet(count);
			return new ByteArrayInputStream(file, (int) offset, count);
		};
	}

	@Test
	void aLargeMp4sPacketIsFoundByItsBoxHeadersAlone() {
		var stamped = Provenance.stamp(bigMp4(), "video/mp4", ProvenanceTests.INFO);
		var read = new AtomicLong();

		assertThat(Provenance.readDigitalSourceType(ranges(stamped, read), stamped.length))
			.hasValueSatisfying(type -> assertThat(type).endsWith("trainedAlgorithmicMedia"));
		assertThat(read.get()).as("headers and the packet, not the video").isLessThan(64 * 1024);
	}

	@Test
	void aLargeMp4WithoutAPacketHasNone() {
		var plain = bigMp4();
		assertThat(Provenance.readDigitalSourceType(ranges(plain, new AtomicLong()), plain.length)).isEmpty();
	}

	@Test
	void carryingIntoAFileOnDiskGivesTheSameBytesAsInMemory() throws Exception {
		var source = Provenance.stamp(bigMp4(), "video/mp4", ProvenanceTests.INFO);
		// a derived file that already holds an older packet in the middle: it becomes free, the new one is appended
		var derived = ProvenanceTests.concat(Provenance.stamp(bigMp4(), "video/mp4", ProvenanceTests.INFO),
				ProvenanceTests.box("mdat", new byte[32]));
		var file = Files.write(dir.resolve("out.mp4"), derived);

		Provenance.carry(ranges(source, new AtomicLong()), source.length, file, "video/mp4");

		assertThat(Files.readAllBytes(file)).isEqualTo(Provenance.carry(source, derived, "video/mp4"));
	}

	@Test
	void aSourceWithoutAPacketLeavesTheFileAsItWas() throws Exception {
		var source = bigMp4();
		var derived = bigMp4();
		var file = Files.write(dir.resolve("out.mp4"), derived);

		Provenance.carry(ranges(source, new AtomicLong()), source.length, file, "video/mp4");

		assertThat(Files.readAllBytes(file)).isEqualTo(derived);
	}
}
