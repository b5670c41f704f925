package org.optbench.harness.kernels;

/**
 * Single-precision matrix products for backpropagation, on row-major arrays with offsets and leading
 * dimensions:
 * <ul>
 *   <li>{@link #multiply}: {@code C = A · B} (A is m×k, B is k×n),</li>
 *   <li>{@link #multiplyTransposedB}: {@code C = A · Bᵀ} (B is n×k; B is first packed into column panels),</li>
 *   <li>{@link #multiplyTransposedA}: {@code C = Aᵀ · B} (A is k×m),</li>
 * </ul>
 * each with {@code accumulate} to compute {@code C += …} instead (used to start from a bias).
 *
 * <p>Kernels: register-tiled 6×16 Vector API micro-kernels ({@code VectorTiles}) when the
 * {@code jdk.incubator.vector} module is present, plain Java ({@code ScalarTiles}) otherwise. See
 * docs/performance.md for the measurements behind the choice.
 *
 * <p>Determinism: every element of C is the fused multiply-add chain {@code acc = fma(A(i,p), B(p,j), acc)} over
 * p in ascending order, whatever tile, kernel or thread computes it; the {@code threads} setting only partitions
 * C into disjoint blocks (row tiles, or column panels when there are few row tiles) that {@link Workers} hands to
 * the threads, and the element-wise steps a caller passes ({@link Rows}) run on whole rows. Results are therefore
 * bitwise identical for any thread count (and with or without the Vector API).
 *
 * <p>An instance keeps a packing buffer per thread, grown on first use and then reused: it belongs to one model and is
 * not thread-safe. {@link #multiply} and {@link #multiplyTransposedA} do not use those buffers, so a one-thread
 * instance may serve several threads at once that each run their own products (the CNN's per-example passes do).
 */
public final class MatMul {

    private static final boolean VECTOR = vectorApiAvailable();
    /** Width of the column panels the wide tiles cover. */
    static final int WIDTH = VECTOR ? VectorTiles.WIDTH : 16;
    private static final int LANES = VECTOR ? VectorTiles.LANES : 8;
    private static final int ROWS = 6;
    /** Rows of the tallest tile of a product one vector wide ({@code VectorTiles.narrow12}). */
    private static final int NARROW_ROWS = 12;
    private static final int PACK_DEPTH = 64;
    /** Inner-dimension block: a 6-row A slice and a 16-column B slice of this depth fit L1 together. */
    private static final int DEPTH = Integer.getInteger("optbench.matmul.depth", 256);
    /** Loop order override for measurements: 1 panel-outer, 2 row-outer, 0 chosen by size. */
    private static final int PANEL_OUTER = Integer.getInteger("optbench.matmul.order", 0);
    /**
     * Below this many multiply-adds a product runs on the calling thread: waking a helper costs a few microseconds,
     * about what 2^20 multiply-adds take on one core (the 10-unit output layers of the MLPs stay below it).
     */
    private static final long PARALLEL_THRESHOLD = 1L << 20;
    /** Chunks per thread of a parallel product: a few, so a late or descheduled helper leaves work the others take. */
    private static final int CHUNKS_PER_THREAD = 4;

    private int threads;
    /** Participant p's buffer for packed Bᵀ ({@link Workers.Chunk}), and the call it was last packed for. */
    private float[][] packs = new float[1][0];
    private int[] packedCall = new int[1];
    /** Products with a packed B so far: a call's number, so that each thread packs once per call. */
    private int calls;

    /** A product engine using {@code threads} threads per product (1 = the calling thread only). */
    public MatMul(int threads) {
        this.threads = checkThreads(threads);
    }

    private static int checkThreads(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("matmul: threads must be in [1, 256], got " + threads);
        }
        return threads;
    }

    /** Number of threads each product uses. */
    public int threads() {
        return threads;
    }

    /** Changes the number of threads later products use; results do not depend on it. */
    public void setThreads(int threads) {
        this.threads = checkThreads(threads);
    }

    /** Whether the Vector API kernels are in use (false: plain-Java fallback). */
    public static boolean vectorized() {
        return VECTOR;
    }

    /**
     * The kernel this JVM uses: {@code vector} (the Vector API tiles) or {@code plain-java} (started without
     * {@code --add-modules=jdk.incubator.vector}, or with {@code -Doptbench.noVector=true}), about 10× slower on
     * large products. Recorded per trial by cluster runs, whose executors may be started differently from the driver.
     */
    public static String kernel() {
        return VECTOR ? "vector" : "plain-java";
    }

    private static boolean vectorApiAvailable() {
        if (Boolean.getBoolean("optbench.noVector")) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * Work on rows [from, to) of a product's C that its caller wants done by the thread computing those rows, before
     * or after it computes them ({@code before} and {@code after} of the products' long forms).
     */
    @FunctionalInterface
    public interface Rows {
        void apply(int from, int to);
    }

    /** {@code C (+)= A · B}: A is m×k (row stride lda), B is k×n (ldb), C is m×n (ldc). */
    public void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
            int cOff, int ldc, boolean accumulate) {
        multiply(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null, null);
    }

    /**
     * {@link #multiply(int, int, int, float[], int, int, float[], int, int, float[], int, int, boolean)} with
     * {@code before} and {@code after} run on rows of C (either may be null). The rows are cut into ranges that
     * together cover [0, m) once; {@code before} runs on a range before any of its elements is computed and
     * {@code after} once all of them are. When the product is cut by rows, each range is a chunk and both run on the
     * thread computing it, so that element-wise steps next to a product (a bias to start from, an activation) touch
     * rows already in that thread's cache instead of all of C on the calling thread. Otherwise there is one range,
     * [0, m), run on the calling thread.
     */
    public void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
            int cOff, int ldc, boolean accumulate, Rows before, Rows after) {
        run(m, n, k, a, aOff, lda, 1, b, bOff, ldb, false, c, cOff, ldc, accumulate, before, after);
    }

    /** {@code C (+)= Aᵀ · B}: A is k×m (row stride lda), B is k×n (ldb), C is m×n (ldc). */
    public void multiplyTransposedA(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        multiplyTransposedA(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null, null);
    }

    /** {@link #multiplyTransposedA} with steps on rows of C, as {@link #multiply(int, int, int, float[], int, int,
     * float[], int, int, float[], int, int, boolean, Rows, Rows) multiply}'s. */
    public void multiplyTransposedA(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate, Rows before, Rows after) {
        run(m, n, k, a, aOff, 1, lda, b, bOff, ldb, false, c, cOff, ldc, accumulate, before, after);
    }

    /**
     * {@code C (+)= A · Bᵀ}: A is m×k (lda), B is n×k (ldb), C is m×n (ldc). Bᵀ is packed first (n·k copies), so
     * put the smaller operand in B. On several threads each packs its own copy, at its first chunk: a buffer one
     * thread writes and another reads moves between their cores on every batch, and on this project's 2-vCPU test
     * machine packing a 64-example MNIST batch (200 KB) into the buffer the other core had read took 47–71 µs
     * against 17–20 µs on one thread.
     */
    public void multiplyTransposedB(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        multiplyTransposedB(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null, null);
    }

    /** {@link #multiplyTransposedB} with steps on rows of C, as {@link #multiply(int, int, int, float[], int, int,
     * float[], int, int, float[], int, int, boolean, Rows, Rows) multiply}'s. */
    public void multiplyTransposedB(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate, Rows before, Rows after) {
        run(m, n, k, a, aOff, lda, 1, b, bOff, ldb, true, c, cOff, ldc, accumulate, before, after);
    }

    /**
     * Bᵀ (B is n×k) packed for call {@code call} in participant {@code p}'s own buffer: packed at p's first chunk of
     * the call, reused by its later ones.
     */
    private float[] packedFor(int p, int call, int n, int k, float[] b, int bOff, int ldb) {
        if (packedCall[p] != call) {
            if (packs[p].length < n * k) {
                packs[p] = new float[n * k];
            }
            packTransposed(n, k, b, bOff, ldb, packs[p]);
            packedCall[p] = call;
        }
        return packs[p];
    }

    /**
     * Packs Bᵀ (B is n×k) into column panels of {@link #WIDTH}: panel q holds {@code Bᵀ(p, q·W + j)} at
     * {@code q·k·W + p·W + j}, so the micro-kernel reads one contiguous line per p; the last {@code n mod W}
     * columns follow as a plain k×(n mod W) block.
     */
    static void packTransposed(int n, int k, float[] b, int bOff, int ldb, float[] out) {
        int full = n - n % WIDTH;
        // Blocks of PACK_DEPTH inner indices: the 16 source rows are read in short runs while the writes stay
        // inside one small, L1-resident stretch of the panel.
        for (int q = 0; q < full; q += WIDTH) {
            int base = q * k;
            for (int p0 = 0; p0 < k; p0 += PACK_DEPTH) {
                int p1 = Math.min(k, p0 + PACK_DEPTH);
                for (int j = 0; j < WIDTH; j++) {
                    int row = bOff + (q + j) * ldb;
                    int o = base + j;
                    for (int p = p0; p < p1; p++) {
                        out[o + p * WIDTH] = b[row + p];
                    }
                }
            }
        }
        int rest = n - full;
        if (rest > 0) {
            int base = full * k;
            for (int j = 0; j < rest; j++) {
                int row = bOff + (full + j) * ldb;
                for (int p = 0; p < k; p++) {
                    out[base + p * rest + j] = b[row + p];
                }
            }
        }
    }

    /** The product; with {@code pack}, B is n×k and is packed as Bᵀ before use. */
    private void run(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
            boolean pack, float[] c, int cOff, int ldc, boolean accumulate, Rows before, Rows after) {
        if (m == 0 || n == 0) {
            return;
        }
        long work = (long) m * n * k;
        if (k == 0 || threads == 1 || work < PARALLEL_THRESHOLD) {
            if (before != null) {
                before.apply(0, m);
            }
            if (k == 0) {
                if (!accumulate) {
                    for (int i = 0; i < m; i++) {
                        java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                    }
                }
            } else if (pack) {
                float[] packed = packedFor(0, ++calls, n, k, b, bOff, ldb);
                block(0, m, 0, n, n, k, a, aOff, ars, acs, packed, 0, 0, true, c, cOff, ldc, accumulate);
            } else {
                block(0, m, 0, n, n, k, a, aOff, ars, acs, b, bOff, ldb, false, c, cOff, ldc, accumulate);
            }
            if (after != null) {
                after.apply(0, m);
            }
            return;
        }
        int panels = (n + WIDTH - 1) / WIDTH;
        // A product one vector wide runs on 12-row tiles (see sweep), so its row chunks are whole 12-row tiles: cut
        // into 6-row chunks, the CNN's conv1 weight gradient (25 × 16 over 36,864 pixels) ran each chunk on narrower
        // tiles and read its whole 6 MB of operands once per chunk, and took longer on 2 threads than on 1.
        int tileRows = VECTOR && n < WIDTH && n >= LANES ? NARROW_ROWS : ROWS;
        int rowTiles = (m + tileRows - 1) / tileRows;
        // By rows when there are enough row tiles for every chunk: then a dense layer's forward product, its weight
        // gradient and (through Workers' home chunks) its update touch the same rows of W on the same thread from
        // batch to batch, instead of the gradient's columns being spread over both cores. Measured on a lone
        // 784-256-128-10 trial on 2 threads (3 paired rounds): 0.505, 0.548, 0.373 s per epoch against 0.567,
        // 0.619, 0.397 with the weight gradient cut by columns.
        boolean byColumns = rowTiles < CHUNKS_PER_THREAD * threads && (panels >= 2 * threads || panels >= rowTiles);
        int units = byColumns ? panels : rowTiles;
        int chunks = Math.min(units, CHUNKS_PER_THREAD * threads);
        if (pack && packs.length < threads) {
            int had = packs.length;
            packs = java.util.Arrays.copyOf(packs, threads);
            packedCall = java.util.Arrays.copyOf(packedCall, threads);
            for (int p = had; p < threads; p++) {
                packs[p] = new float[0];
            }
        }
        int call = pack ? ++calls : 0;
        if (byColumns && before != null) {
            before.apply(0, m);
        }
        Workers.run(threads, chunks, (chunk, participant) -> {
            int first = chunkStart(units, chunks, chunk);
            int last = chunkStart(units, chunks, chunk + 1);
            int i0 = byColumns ? 0 : first * tileRows;
            int i1 = byColumns ? m : Math.min(m, last * tileRows);
            int j0 = byColumns ? first * WIDTH : 0;
            int j1 = byColumns ? Math.min(n, last * WIDTH) : n;
            if (!byColumns && before != null) {
                before.apply(i0, i1);
            }
            if (pack) {
                float[] packed = packedFor(participant, call, n, k, b, bOff, ldb);
                block(i0, i1, j0, j1, n, k, a, aOff, ars, acs, packed, 0, 0, true, c, cOff, ldc, accumulate);
            } else {
                block(i0, i1, j0, j1, n, k, a, aOff, ars, acs, b, bOff, ldb, false, c, cOff, ldc, accumulate);
            }
            if (!byColumns && after != null) {
                after.apply(i0, i1);
            }
        });
        if (byColumns && after != null) {
            after.apply(0, m);
        }
    }

    /** The first of {@code units} row tiles or column panels in chunk {@code chunk} of {@code chunks}. */
    private static int chunkStart(int units, int chunks, int chunk) {
        return (int) ((long) units * chunk / chunks);
    }

    /**
     * How every parallel product with {@code m} rows and at least one column panel ({@code n ≥ 32} floats with
     * 512-bit vectors) is cut on {@code threads} threads when it is cut by rows whatever its other sizes: the first
     * row of each chunk, then {@code m} (chunk c holds rows [cut[c], cut[c + 1]), and {@link Workers} hands the same
     * home chunks to the same thread on every call). Null
     * when such a product may be cut by columns (fewer than {@link #CHUNKS_PER_THREAD} row tiles per thread) or runs
     * on one thread. A dense model cuts its optimizer update along these rows, so that a thread updates the rows of
     * W that it multiplied and differentiated (see {@code DenseStack.updatePieces}).
     */
    public static int[] rowCut(int m, int threads) {
        int rowTiles = (m + ROWS - 1) / ROWS;
        if (threads == 1 || rowTiles < CHUNKS_PER_THREAD * threads) {
            return null;
        }
        int chunks = CHUNKS_PER_THREAD * threads;
        int[] cut = new int[chunks + 1];
        for (int chunk = 0; chunk <= chunks; chunk++) {
            cut[chunk] = Math.min(m, chunkStart(rowTiles, chunks, chunk) * ROWS);
        }
        return cut;
    }

    /**
     * Rows [i0, i1) × columns [j0, j1) of C; j0 is a multiple of WIDTH. The inner dimension is cut into blocks of
     * about {@link #DEPTH} so that the operand slices a tile walks stay in L1/L2; C carries the sums between
     * blocks exactly (a float store and load round nothing), so the blocking does not change any result.
     */
    private static void block(int i0, int i1, int j0, int j1, int n, int k, float[] a, int aOff, int ars, int acs,
            float[] b, int bOff, int ldb, boolean isPacked, float[] c, int cOff, int ldc, boolean accumulate) {
        int blocks = (k + DEPTH - 1) / DEPTH;
        for (int kb = 0; kb < blocks; kb++) {
            int p0 = (int) ((long) k * kb / blocks);
            int p1 = (int) ((long) k * (kb + 1) / blocks);
            boolean add = accumulate || kb > 0;
            // Panel-outer while the A slice fits half of L2 (the B panel then stays in L1 across all row tiles and
            // A is read a line per 16 steps), row-outer otherwise (the A tile stays in L1 while B streams). Measured
            // on the MLP shapes: panel-outer 10-20% faster up to 128×196 A slices.
            boolean panelOuter = PANEL_OUTER == 1 || (PANEL_OUTER == 0 && (long) (i1 - i0) * (p1 - p0) <= 65536);
            if (panelOuter) {
                sweep(i0, i1, j0, j1, n, k, p0, p1, a, aOff, ars, acs, b, bOff, ldb, isPacked, c, cOff, ldc, add);
            } else {
                for (int i = i0; i < i1; i += ROWS) {
                    sweep(i, Math.min(i1, i + ROWS), j0, j1, n, k, p0, p1, a, aOff, ars, acs, b, bOff, ldb, isPacked,
                            c, cOff, ldc, add);
                }
            }
        }
    }

    /** Inner-dimension slice [p0, p1) of rows [i0, i1) × columns [j0, j1): panel by panel, tiles down the rows. */
    private static void sweep(int i0, int i1, int j0, int j1, int n, int k, int p0, int p1, float[] a, int aOff,
            int ars, int acs, float[] b, int bOff, int ldb, boolean isPacked, float[] c, int cOff, int ldc,
            boolean accumulate) {
        int depth = p1 - p0;
        int aStart = aOff + p0 * acs;
        int full = n - n % WIDTH;
        int j = j0;
        for (; j + WIDTH <= j1 && j < full; j += WIDTH) {
            int bs = isPacked ? WIDTH : ldb;
            int bi = (isPacked ? j * k : bOff + j) + p0 * bs;
            if (!VECTOR) {
                ScalarTiles.block(i1 - i0, WIDTH, depth, a, aStart + i0 * ars, ars, acs, b, bi, bs,
                        c, cOff + i0 * ldc + j, ldc, accumulate);
                continue;
            }
            int i = i0;
            // A remainder of 2 rows becomes 4 + 4 (eight accumulator chains) rather than 6 + 2 (four, latency-bound).
            int sixes = i1 - i0 >= 8 && (i1 - i0) % 6 == 2 ? (i1 - i0) / 6 - 1 : (i1 - i0) / 6;
            for (int tile = 0; tile < sixes; tile++, i += 6) {
                VectorTiles.rows6(depth, a, aStart + i * ars, ars, acs, b, bi, bs, c, cOff + i * ldc + j, ldc,
                        accumulate);
            }
            if (i + 8 <= i1 && sixes < (i1 - i0) / 6) {
                VectorTiles.rows4(depth, a, aStart + i * ars, ars, acs, b, bi, bs, c, cOff + i * ldc + j, ldc,
                        accumulate);
                i += 4;
            }
            if (i + 4 <= i1) {
                VectorTiles.rows4(depth, a, aStart + i * ars, ars, acs, b, bi, bs, c, cOff + i * ldc + j, ldc,
                        accumulate);
                i += 4;
            }
            if (i + 2 <= i1) {
                VectorTiles.rows2(depth, a, aStart + i * ars, ars, acs, b, bi, bs, c, cOff + i * ldc + j, ldc,
                        accumulate);
                i += 2;
            }
            if (i < i1) {
                VectorTiles.rows1(depth, a, aStart + i * ars, acs, b, bi, bs, c, cOff + i * ldc + j, accumulate);
            }
        }
        if (j >= j1) {
            return;
        }
        // Column tail: fewer than WIDTH columns, only in the last partition.
        int rest = j1 - j;
        int bs = isPacked ? n - full : ldb;
        int bi = (isPacked ? full * k : bOff + j) + p0 * bs;
        int done = 0;
        if (VECTOR && rest >= LANES) {
            int i = i0;
            // A product only one vector wide (the CNN's 16 channels) is all tail: as many chains as fit, 12 rows, then
            // 8, 4 and single rows. The tail of a wide product (784 = 24·32 + 16 MLP columns) keeps the 4-row tile:
            // with the 12-row one there the whole 128×784×64 MLP product measured 142 → 110 GFLOP/s per CPU second
            // (median of 5 alternating runs; why is not understood, the tail is 2% of its work).
            for (; full == 0 && i + 12 <= i1; i += 12) {
                VectorTiles.narrow12(depth, a, aStart + i * ars, ars, acs, b, bi, bs, c, cOff + i * ldc + j, ldc,
                        accumulate);
            }
            if (full == 0 && i + 8 <= i1) {
                VectorTiles.narrow8(depth, a, aStart + i * ars, ars, acs, b, bi, bs, c, cOff + i * ldc + j, ldc,
                        accumulate);
                i += 8;
            }
            for (; i + 4 <= i1; i += 4) {
                VectorTiles.narrow4(depth, a, aStart + i * ars, ars, acs, b, bi, bs, c, cOff + i * ldc + j, ldc,
                        accumulate);
            }
            for (; i < i1; i++) {
                VectorTiles.narrow(depth, a, aStart + i * ars, acs, b, bi, bs, c, cOff + i * ldc + j, accumulate);
            }
            done = LANES;
        }
        if (done < rest) {
            ScalarTiles.block(i1 - i0, rest - done, depth, a, aStart + i0 * ars, ars, acs, b, bi + done, bs,
                    c, cOff + i0 * ldc + j + done, ldc, accumulate);
        }
    }
}
