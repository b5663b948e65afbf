package dev.troupe.generation.backend.llamacpp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a tiny random-weight GGUF v3 model ("llama" architecture, one block, 16-wide embeddings, an SPM
 * vocabulary of three special tokens plus the 256 byte-fallback tokens) that llama.cpp loads in milliseconds.
 * It answers gibberish, which is all the tests need: real loading, tokenizing, sampling and grammar code runs.
 *
 * <p>Format, all little-endian: magic "GGUF", version, tensor count, key/value count, typed key/value pairs,
 * tensor infos (name, dims in GGML order — fastest-varying first —, type, offset into the data section), padding
 * to {@code general.alignment} (32), then each tensor's data padded to the alignment.
 */
final class TinyGguf {

	static final int EMBEDDING = 16;
	static final int HEADS = 2;
	static final int FEED_FORWARD = 32;
	static final int CONTEXT = 512;
	private static final int ALIGNMENT = 32;

	// GGUF value types
	private static final int UINT32 = 4, INT32 = 5, FLOAT32 = 6, STRING = 8, ARRAY = 9;
	// llama.cpp token types
	private static final int NORMAL = 1, UNKNOWN = 2, CONTROL = 3, BYTE = 6;
	private static final int GGML_F32 = 0;

	private record Tensor(String name, long[] dims, float[] data) {
	}

	private final ByteArrayOutputStream header = new ByteArrayOutputStream();
	private int kvCount;

	private TinyGguf() {
	}

	/** Writes the model to {@code file} and returns the path; the same seed gives the same bytes. */
	static Path write(Path file, long seed) throws IOException {
		Files.write(file, bytes(seed));
		return file;
	}

	static byte[] bytes(long seed) {
		return new TinyGguf().build(new Random(seed));
	}

	private byte[] build(Random random) {
		var tokens = new ArrayList<String>(List.of("<unk>", "<s>", "</s>"));
		var types = new ArrayList<Integer>(List.of(UNKNOWN, CONTROL, CONTROL));
		for (int b = 0; b < 256; b++) {
			tokens.add(String.format("<0x%02X>", b));
			types.add(BYTE);
		}
		// A few whole-character tokens so SPM has something besides byte fallback (\u2581 is SPM's space).
		for (var piece : List.of("\u2581", "{", "}", "\"", ":", "a", "e", "t")) {
			tokens.add(piece);
			types.add(NORMAL);
		}
		int vocab = tokens.size();

		kv("general.architecture", "llama");
		kv("general.name", "troupe-tiny-random");
		kvU32("general.alignment", ALIGNMENT);
		kvU32("llama.context_length", CONTEXT);
		kvU32("llama.embedding_length", EMBEDDING);
		kvU32("llama.block_count", 1);
		kvU32("llama.feed_forward_length", FEED_FORWARD);
		kvU32("llama.attention.head_count", HEADS);
		kvU32("llama.attention.head_count_kv", HEADS);
		kvU32("llama.rope.dimension_count", EMBEDDING / HEADS);
		kvF32("llama.rope.freq_base", 10000f);
		kvF32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
		kvU32("llama.vocab_size", vocab);
		kv("tokenizer.ggml.model", "llama");
		kvStrings("tokenizer.ggml.tokens", tokens);
		kvFloats("tokenizer.ggml.scores", new float[vocab]);
		kvInts("tokenizer.ggml.token_type", types);
		kvU32("tokenizer.ggml.unknown_token_id", 0);
		kvU32("tokenizer.ggml.bos_token_id", 1);
		kvU32("tokenizer.ggml.eos_token_id", 2);

		var tensors = new ArrayList<Tensor>();
		tensors.add(tensor(random, "token_embd.weight", EMBEDDING, vocab));
		tensors.add(ones("output_norm.weight", EMBEDDING));
		tensors.add(tensor(random, "output.weight", EMBEDDING, vocab));
		tensors.add(ones("blk.0.attn_norm.weight", EMBEDDING));
		for (var name : List.of("attn_q", "attn_k", "attn_v", "attn_output")) {
			tensors.add(tensor(random, "blk.0." + name + ".weight", EMBEDDING, EMBEDDING));
		}
		tensors.add(ones("blk.0.ffn_norm.weight", EMBEDDING));
		tensors.add(tensor(random, "blk.0.ffn_gate.weight", EMBEDDING, FEED_FORWARD));
		tensors.add(tensor(random, "blk.0.ffn_up.weight", EMBEDDING, FEED_FORWARD));
		tensors.add(tensor(random, "blk.0.ffn_down.weight", FEED_FORWARD, EMBEDDING));

		var out = new ByteArrayOutputStream();
		var head = le(24).put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(tensors.size())
			.putLong(kvCount);
		out.writeBytes(head.array());
		out.writeBytes(header.toByteArray());
		long offset = 0;
		for (var tensor : tensors) {
			writeString(out, tensor.name());
			var info = le(4 + 8 * tensor.dims().length + 4 + 8).putInt(tensor.dims().length);
			for (long dim : tensor.dims()) {
				info.putLong(dim);
			}
			out.writeBytes(info.putInt(GGML_F32).putLong(offset).array());
			offset += padded(tensor.data().length * 4L);
		}
		pad(out);
		for (var tensor : tensors) {
			var data = le(tensor.data().length * 4);
			for (float value : tensor.data()) {
				data.putFloat(value);
			}
			out.writeBytes(data.array());
			pad(out);
		}
		return out.toByteArray();
	}

	private static Tensor tensor(Random random, String name, long... dims) {
		var data = new float[(int) (dims[0] * (dims.length > 1 ? dims[1] : 1))];
		for (int i = 0; i < data.length; i++) {
			data[i] = (float) (random.nextGaussian() * 0.5);
		}
		return new Tensor(name, dims, data);
	}

	/** Norm weights of 1 keep activations in a sane range, so sampling sees finite logits. */
	private static Tensor ones(String name, int size) {
		var data = new float[size];
		java.util.Arrays.fill(data, 1f);
		return new Tensor(name, new long[] { size }, data);
	}

	private void kv(String key, String value) {
		key(key, STRING);
		writeString(header, value);
	}

	private void kvU32(String key, int value) {
		key(key, UINT32);
		header.writeBytes(le(4).putInt(value).array());
	}

	private void kvF32(String key, float value) {
		key(key, FLOAT32);
		header.writeBytes(le(4).putFloat(value).array());
	}

	private void kvStrings(String key, List<String> values) {
		key(key, ARRAY);
		header.writeBytes(le(12).putInt(STRING).putLong(values.size()).array());
		values.forEach(value -> writeString(header, value));
	}

	private void kvFloats(String key, float[] values) {
		key(key, ARRAY);
		var buffer = le(12 + 4 * values.length).putInt(FLOAT32).putLong(values.length);
		for (float value : values) {
			buffer.putFloat(value);
		}
		header.writeBytes(buffer.array());
	}

	private void kvInts(String key, List<Integer> values) {
		key(key, ARRAY);
		var buffer = le(12 + 4 * values.size()).putInt(INT32).putLong(values.size());
		values.forEach(buffer::putInt);
		header.writeBytes(buffer.array());
	}

	private void key(String key, int type) {
		kvCount++;
		writeString(header, key);
		header.writeBytes(le(4).putInt(type).array());
	}

	private static void writeString(ByteArrayOutputStream out, String value) {
		var bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeBytes(le(8).putLong(bytes.length).array());
		out.writeBytes(bytes);
	}

	private static void pad(ByteArrayOutputStream out) {
		out.writeBytes(new byte[(int) (padded(out.size()) - out.size())]);
	}

	private static long padded(long size) {
		return (size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
	}

	private static ByteBuffer le(int size) {
		return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
	}
}
