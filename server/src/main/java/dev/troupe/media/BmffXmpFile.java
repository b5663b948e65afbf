package dev.troupe.media;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link BmffXmp} for files too large to hold in memory: the same top-level {@code uuid} box, found by reading
 * only the box headers (a video of gigabytes has a handful of top-level boxes), and embedded in place in a file
 * on disk.
 */
final class BmffXmpFile {

	/** No XMP packet of ours is near this size; a larger "packet" is a broken file, not something to load. */
	private static final long MAX_PACKET = 16L * 1024 * 1024;

	private record Box(long start, long end, boolean xmp) {
	}

	private BmffXmpFile() {
	}

	static Optional<byte[]> find(Provenance.Ranges file, long size) throws IOException {
		for (var box : boxes(file, size)) {
			if (box.xmp()) {
				var length = box.end() - box.start() - 8 - BmffXmp.XMP_UUID.length;
				if (length > MAX_PACKET) {
					return Optional.empty();
				}
				return Optional.of(read(file, box.start() + 8 + BmffXmp.XMP_UUID.length, (int) length));
			}
		}
		return Optional.empty();
	}

	static void embed(Path path, byte[] packet) throws IOException {
		try (var raf = new RandomAccessFile(path.toFile(), "rw")) {
			long size = raf.length();
			Provenance.Ranges ranges = (offset, length) -> {
				var bytes = new byte[(int) Math.min(length, size - offset)];
				raf.seek(offset);
				raf.readFully(bytes);
				return new java.io.ByteArrayInputStream(bytes);
			};
			var boxes = boxes(ranges, size);
			long length = size;
			for (int i = boxes.size() - 1; i >= 0; i--) {
				var box = boxes.get(i);
				if (!box.xmp()) {
					continue;
				}
				if (box.end() == length) {
					length = box.start();
				}
				else {
					raf.seek(box.start() + 4);
					raf.write("free".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
					var zeros = new byte[64 * 1024];
					for (long at = box.start() + 8; at < box.end(); at += zeros.length) {
						raf.write(zeros, 0, (int) Math.min(zeros.length, box.end() - at));
					}
				}
			}
			// a last box open-ended (size 0) gets its real size, so a box can follow it
			if (!boxes.isEmpty()) {
				var last = boxes.get(boxes.size() - 1);
				raf.seek(last.start());
				if (raf.readInt() == 0 && last.end() <= length) {
					if (last.end() - last.start() > 0xFFFFFFFFL) {
						throw Bytes.malformed("MP4", "open-ended box larger than 4 GB");
					}
					raf.seek(last.start());
					raf.writeInt((int) (last.end() - last.start()));
				}
			}
			raf.setLength(length);
			raf.seek(length);
			raf.writeInt((int) (8L + BmffXmp.XMP_UUID.length + packet.length));
			raf.write(new byte[] { 'u', 'u', 'i', 'd' });
			raf.write(BmffXmp.XMP_UUID);
			raf.write(packet);
		}
	}

	private static List<Box> boxes(Provenance.Ranges file, long size) throws IOException {
		var boxes = new ArrayList<Box>();
		long pos = 0;
		while (pos < size) {
			if (size - pos < 8) {
				throw Bytes.malformed("MP4", "truncated box header at byte " + pos);
			}
			var header = read(file, pos, (int) Math.min(8 + BmffXmp.XMP_UUID.length, size - pos));
			long box = Bytes.u32be(header, 0);
			if (box == 1) {
				if (header.length < 16) {
					throw Bytes.malformed("MP4", "truncated box header at byte " + pos);
				}
				box = (Bytes.u32be(header, 8) << 32) | Bytes.u32be(header, 12);
			}
			else if (box == 0) {
				box = size - pos;
			}
			if (box < 8 || box > size - pos) {
				throw Bytes.malformed("MP4", "box at byte " + pos + " has an invalid size");
			}
			var xmp = Bytes.ascii(header, 4, 4).equals("uuid") && box >= 8 + BmffXmp.XMP_UUID.length
					&& Bytes.startsWith(header, 8, BmffXmp.XMP_UUID);
			boxes.add(new Box(pos, pos + box, xmp));
			pos += box;
		}
		return boxes;
	}

	private static byte[] read(Provenance.Ranges file, long offset, int length) throws IOException {
		try (var in = file.open(offset, length)) {
			var bytes = in.readNBytes(length);
			if (bytes.length < length) {
				throw Bytes.malformed("MP4", "file ends at byte " + (offset + bytes.length));
			}
			return bytes;
		}
	}
}
