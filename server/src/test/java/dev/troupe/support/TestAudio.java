package dev.troupe.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Audio files made in the test, so no binary fixture is needed. */
public final class TestAudio {

	private TestAudio() {
	}

	/** A mono 16-bit 16 kHz WAV of a 440 Hz tone lasting {@code seconds}. */
	public static byte[] tone(double seconds) {
		int rate = 16000;
		int samples = (int) (rate * seconds);
		var buffer = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
		buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII))
			.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
			.putInt(rate * 2).putShort((short) 2).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII))
			.putInt(samples * 2);
		for (int i = 0; i < samples; i++) {
			buffer.putShort((short) (Math.sin(2 * Math.PI * 440 * i / rate) * 8000));
		}
		return buffer.array();
	}
}
