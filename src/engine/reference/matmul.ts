/**
 * Float64 matrix products of the reference engine: the three products of an MLP step (X·W, δ·Wᵀ, Xᵀ·δ).
 *
 * Every matrix is a dense row-major Float64Array; an [r, c] matrix stores entry (i, j) at i·c + j. Loops run
 * in an order whose innermost loop walks contiguous rows (i-k-j for A·B), and are blocked two rows of C by
 * four steps of the reduction, so each element of B loaded serves two rows and each load/store of C carries
 * four multiply-adds (about 1.5× faster than the plain i-k-j loop in V8). The operand that is re-read for every
 * row is walked in panels of about PANEL_BYTES, so it is served from the L2 cache even at width 1024+ (where
 * a whole weight matrix, 8 MB, is not). Each product overwrites `c` (it never accumulates into it) and
 * returns it. Summation order is fixed, so results are deterministic.
 */

/** Target size of a cache panel, bytes: well inside a typical 1–2 MB L2. */
const PANEL_BYTES = 256 * 1024;

/** Rows of `rowLength` float64s per panel: a multiple of 4, at least 4. */
function panelRows(rowLength: number): number {
  return Math.max(4, Math.floor(PANEL_BYTES / 8 / Math.max(1, rowLength) / 4) * 4);
}

/** c[ci..ci+n) += Σ_{q<4} a_q · b[bq..bq+n), for one or two rows of C: the shared inner kernel of A·B, Aᵀ·B. */
function axpy4x2(
  c: Float64Array,
  ci: number,
  cj: number,
  b: Float64Array,
  b0: number,
  n: number,
  a0: number,
  a1: number,
  a2: number,
  a3: number,
  e0: number,
  e1: number,
  e2: number,
  e3: number,
): void {
  const b1 = b0 + n;
  const b2 = b1 + n;
  const b3 = b2 + n;
  for (let j = 0; j < n; j++) {
    const x0 = b[b0 + j];
    const x1 = b[b1 + j];
    const x2 = b[b2 + j];
    const x3 = b[b3 + j];
    c[ci + j] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
    c[cj + j] += e0 * x0 + e1 * x1 + e2 * x2 + e3 * x3;
  }
}

/** c[ci..ci+n) += a · b[bp..bp+n): the remainder kernel. */
function axpy(c: Float64Array, ci: number, b: Float64Array, bp: number, n: number, a: number): void {
  for (let j = 0; j < n; j++) c[ci + j] += a * b[bp + j];
}

/**
 * C = A·B. A is [m, k], B is [k, n], C is [m, n]. Used for z = h·W (h: [batch, fan_in], W: [fan_in, fan_out]).
 */
export function matmulAB(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  c.fill(0, 0, m * n);
  const kc = panelRows(n);
  // Panels of kc rows of B, each used by every row of A while it is in cache.
  for (let p0 = 0; p0 < k; p0 += kc) {
    const p1 = Math.min(k, p0 + kc);
    const p4 = p0 + (p1 - p0) - ((p1 - p0) % 4);
    for (let i = 0; i < m; i += 2) {
      const ai = i * k;
      const ci = i * n;
      if (i + 1 < m) {
        const aj = ai + k;
        const cj = ci + n;
        let p = p0;
        for (; p < p4; p += 4) {
          axpy4x2(
            c,
            ci,
            cj,
            b,
            p * n,
            n,
            a[ai + p],
            a[ai + p + 1],
            a[ai + p + 2],
            a[ai + p + 3],
            a[aj + p],
            a[aj + p + 1],
            a[aj + p + 2],
            a[aj + p + 3],
          );
        }
        for (; p < p1; p++) {
          axpy(c, ci, b, p * n, n, a[ai + p]);
          axpy(c, cj, b, p * n, n, a[aj + p]);
        }
      } else {
        for (let p = p0; p < p1; p++) axpy(c, ci, b, p * n, n, a[ai + p]);
      }
    }
  }
  return c;
}

/**
 * C = A·Bᵀ. A is [m, k], B is [n, k], C is [m, n]. Used for g_{l−1} = δ_l·W_lᵀ (δ: [batch, fan_out],
 * W: [fan_in, fan_out], result [batch, fan_in]). Each entry is a dot product of two contiguous rows; a 2×2
 * block of C is computed at once so every load feeds two multiply-adds.
 */
export function matmulABt(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  const nc = panelRows(k);
  // Panels of nc rows of B, each used by every row of A while it is in cache.
  for (let j0 = 0; j0 < n; j0 += nc) {
    const j1 = Math.min(n, j0 + nc);
    for (let i = 0; i < m; i += 2) {
      const ai = i * k;
      const ci = i * n;
      const pair = i + 1 < m;
      // A lone last row is paired with itself; only its first copy is stored.
      const aj = pair ? ai + k : ai;
      const cj = ci + n;
      for (let j = j0; j < j1; j += 2) {
        const more = j + 1 < j1;
        const b0 = j * k;
        const b1 = more ? b0 + k : b0;
        let s00 = 0;
        let s01 = 0;
        let s10 = 0;
        let s11 = 0;
        for (let p = 0; p < k; p++) {
          const x = a[ai + p];
          const y = a[aj + p];
          const u = b[b0 + p];
          const v = b[b1 + p];
          s00 += x * u;
          s01 += x * v;
          s10 += y * u;
          s11 += y * v;
        }
        c[ci + j] = s00;
        if (more) c[ci + j + 1] = s01;
        if (pair) {
          c[cj + j] = s10;
          if (more) c[cj + j + 1] = s11;
        }
      }
    }
  }
  return c;
}

/**
 * C = Aᵀ·B. A is [k, m], B is [k, n], C is [m, n]. Used for ∂loss/∂W_l = h_{l−1}ᵀ·δ_l (h: [batch, fan_in],
 * δ: [batch, fan_out], result [fan_in, fan_out]). Loop order k-i-j, blocked four steps of k (the batch) by
 * two rows of C.
 */
export function matmulAtB(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  k: number,
  m: number,
  n: number,
): Float64Array {
  c.fill(0, 0, m * n);
  const k4 = k - (k % 4);
  const mc = panelRows(n);
  // Panels of mc rows of C, each finished over the whole reduction while it is in cache.
  for (let i0 = 0; i0 < m; i0 += mc) {
    const i1 = Math.min(m, i0 + mc);
    let p = 0;
    for (; p < k4; p += 4) {
      const a0 = p * m;
      const a1 = a0 + m;
      const a2 = a1 + m;
      const a3 = a2 + m;
      let i = i0;
      for (; i + 1 < i1; i += 2) {
        const j = i + 1;
        axpy4x2(
          c,
          i * n,
          j * n,
          b,
          p * n,
          n,
          a[a0 + i],
          a[a1 + i],
          a[a2 + i],
          a[a3 + i],
          a[a0 + j],
          a[a1 + j],
          a[a2 + j],
          a[a3 + j],
        );
      }
      for (; i < i1; i++) {
        for (let q = 0; q < 4; q++) axpy(c, i * n, b, (p + q) * n, n, a[(p + q) * m + i]);
      }
    }
    for (; p < k; p++) {
      for (let i = i0; i < i1; i++) axpy(c, i * n, b, p * n, n, a[p * m + i]);
    }
  }
  return c;
}
