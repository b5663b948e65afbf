package dev.troupe.media;

import java.util.Arrays;

/**
 * 64-bit DCT perceptual hash (the pHash idea): shrink to 32x32 grey, take the 2-D DCT, keep the 8x8 lowest
 * frequencies and set a bit for each coefficient above their median. Low frequencies survive re-encoding, resizing
 * and small colour shifts, so similar pictures get hashes a few bits apart.
 */
final class PerceptualHash {

	private static final int N = 32, K = 8;

	private static final double[][] COS = new double[K][N];

	static {
		for (int u = 0; u < K; u++) {
			for (int x = 0; x < N; x++) {
				COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * N));
			}
		}
	}

	private PerceptualHash() {
	}

	static long of(double[] luma, int width, int height) {
		double[][] small = shrink(luma, width, height);
		double[] coefficients = new double[K * K];
		for (int u = 0; u < K; u++) {
			for (int v = 0; v < K; v++) {
				double sum = 0;
				for (int y = 0; y < N; y++) {
					for (int x = 0; x < N; x++) {
						sum += small[y][x] * COS[u][y] * COS[v][x];
					}
				}
				coefficients[u * K + v] = sum;
			}
		}
		// The DC term is the mean brightness, far larger than the rest; leaving it out of the median keeps the
		// threshold about structure. Its bit is then always 1, which is harmless for distances.
		double median = median(Arrays.copyOfRange(coefficients, 1, coefficients.length));
		long hash = 0;
		for (int i = 0; i < coefficients.length; i++) {
			if (coefficients[i] > median) {
				hash |= 1L << i;
			}
		}
		return hash;
	}

	/**
	 * Area-average down to 32x32. A plain bilinear scale of a 1024px image would sample only a few source pixels
	 * per cell and alias, making the hash depend on the exact resize.
	 */
	private static double[][] shrink(double[] luma, int width, int height) {
		double[][] sums = new double[N][N];
		int[][] counts = new int[N][N];
		for (int y = 0; y < height; y++) {
			int cy = (int) ((long) y * N / height);
			for (int x = 0; x < width; x++) {
				int cx = (int) ((long) x * N / width);
				sums[cy][cx] += luma[y * width + x];
				counts[cy][cx]++;
			}
		}
		for (int y = 0; y < N; y++) {
			for (int x = 0; x < N; x++) {
				// An image smaller than 32 pixels leaves cells empty; nearest-neighbour fills them.
				sums[y][x] = counts[y][x] > 0 ? sums[y][x] / counts[y][x]
						: luma[(int) ((long) y * height / N) * width + (int) ((long) x * width / N)];
			}
		}
		return sums;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int mid = sorted.length / 2;
		return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}
}
