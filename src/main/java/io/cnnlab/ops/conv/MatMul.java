package io.cnnlab.ops.conv;

/** Plain-Java matrix multiplication on row-major float arrays. */
public final class MatMul {
  private MatMul() {}

  /**
   * {@code c[cOff..] += a[aOff..] (m x k) times b[bOff..] (k x n)}, all row-major.
   *
   * <p>Loop order i-k-j: the inner loop walks a row of {@code b} and a row of {@code c} with stride one,
   * which the JIT vectorises; the textbook i-j-k order walks a column of {@code b} and is several times slower.
   */
  public static void multiplyAdd(
      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      int cRow = cOff + i * n;
      int aRow = aOff + i * k;
      for (int p = 0; p < k; p++) {
        float aip = a[aRow + p];
        int bRow = bOff + p * n;
        for (int j = 0; j < n; j++) {
          c[cRow + j] += aip * b[bRow + j];
        }
      }
    }
  }

  /** {@code a (m x k) times b (k x n)} as a new row-major {@code m x n} array. */
  public static float[] multiply(float[] a, float[] b, int m, int k, int n) {
    if (a.length != (long) m * k || b.length != (long) k * n) {
      throw new IllegalArgumentException(
          "matmul " + m + "x" + k + " by " + k + "x" + n + " got arrays of " + a.length + " and " + b.length);
    }
    float[] c = new float[Math.multiplyExact(m, n)];
    multiplyAdd(a, 0, b, 0, c, 0, m, k, n);
    return c;
  }
}
