// @ts-nocheck -- AssemblyScript (compiled by asc, not tsc): f32/v128 types and SIMD builtins are asc's.
/**
 * Packing for gemm.ts: op(A) into MR-row panels (K×MR floats each, k-major) and op(B) into NR-column panels
 * (K×NR floats each), zero-padded past M and N so the micro-kernel never needs edge cases.
 */
import { MR, NR } from './shape';

/**
 * Packs `lanes` (2 or 4) rows of a row-major matrix (src = first row, ld = row stride in floats, `rows` ≤
 * lanes of them valid) transposed: dst[k·strideB + r·4] = src[r·ld + k] for k < K, zeros for missing rows.
 * Full groups use register transposes (4×4, or 2×4 interleaves).
 */
function packRowsTransposed(
  src: usize,
  ld: i32,
  rows: i32,
  lanes: i32,
  k: i32,
  dst: usize,
  strideB: i32,
): void {
  const ldB = (<usize>ld) << 2;
  let p = 0;
  if (rows == 4 && lanes == 4) {
    for (; p + 4 <= k; p += 4) {
      const s = src + ((<usize>p) << 2);
      const r0 = v128.load(s);
      const r1 = v128.load(s + ldB);
      const r2 = v128.load(s + 2 * ldB);
      const r3 = v128.load(s + 3 * ldB);
      const t0 = f32x4.shuffle(r0, r1, 0, 4, 1, 5);
      const t1 = f32x4.shuffle(r0, r1, 2, 6, 3, 7);
      const t2 = f32x4.shuffle(r2, r3, 0, 4, 1, 5);
      const t3 = f32x4.shuffle(r2, r3, 2, 6, 3, 7);
      const d = dst + <usize>(p * strideB);
      v128.store(d, f32x4.shuffle(t0, t2, 0, 1, 4, 5));
      v128.store(d + strideB, f32x4.shuffle(t0, t2, 2, 3, 6, 7));
      v128.store(d + 2 * strideB, f32x4.shuffle(t1, t3, 0, 1, 4, 5));
      v128.store(d + 3 * strideB, f32x4.shuffle(t1, t3, 2, 3, 6, 7));
    }
  } else if (rows == 2 && lanes == 2) {
    for (; p + 4 <= k; p += 4) {
      const s = src + ((<usize>p) << 2);
      const r0 = v128.load(s);
      const r1 = v128.load(s + ldB);
      const lo = f32x4.shuffle(r0, r1, 0, 4, 1, 5);
      const hi = f32x4.shuffle(r0, r1, 2, 6, 3, 7);
      const d = dst + <usize>(p * strideB);
      v128.store64_lane(d, lo, 0);
      v128.store64_lane(d + strideB, lo, 1);
      v128.store64_lane(d + 2 * strideB, hi, 0);
      v128.store64_lane(d + 3 * strideB, hi, 1);
    }
  }
  for (; p < k; p++) {
    const d = dst + <usize>(p * strideB);
    for (let r = 0; r < lanes; r++) {
      store<f32>(d + ((<usize>r) << 2), r < rows ? load<f32>(src + <usize>r * ldB + ((<usize>p) << 2)) : 0);
    }
  }
}

/**
 * Copies `lanes` (2 or 4) contiguous floats per k, `cols` of them valid: dst[k·strideB + c·4] = src[k·ld + c],
 * zeros past `cols`. This packs op = transpose for A and op = identity for B, both contiguous along a panel.
 */
function packRowsStraight(
  src: usize,
  ld: i32,
  cols: i32,
  lanes: i32,
  k: i32,
  dst: usize,
  strideB: i32,
): void {
  const ldB = (<usize>ld) << 2;
  if (cols == 4 && lanes == 4) {
    for (let p = 0; p < k; p++) v128.store(dst + <usize>(p * strideB), v128.load(src + <usize>p * ldB));
    return;
  }
  if (cols == 2 && lanes == 2) {
    for (let p = 0; p < k; p++) store<u64>(dst + <usize>(p * strideB), load<u64>(src + <usize>p * ldB));
    return;
  }
  for (let p = 0; p < k; p++) {
    const s = src + <usize>p * ldB;
    const d = dst + <usize>(p * strideB);
    for (let c = 0; c < lanes; c++)
      store<f32>(d + ((<usize>c) << 2), c < cols ? load<f32>(s + ((<usize>c) << 2)) : 0);
  }
}

/** Packs op(A) ([M, K]) into ⌈M/MR⌉ panels of K×MR floats at dst (MR = 6: a group of 4 rows, then of 2). */
export function packA(a: usize, lda: i32, trans: bool, m: i32, k: i32, dst: usize): void {
  for (let i = 0; i < m; i += MR) {
    const panel = dst + <usize>i * <usize>k * 4;
    for (let g = 0; g < MR; g += 4) {
      const lanes = min(4, MR - g);
      const rows = max(0, min(lanes, m - i - g));
      const d = panel + ((<usize>g) << 2);
      if (trans) packRowsStraight(a + ((<usize>(i + g)) << 2), lda, rows, lanes, k, d, MR * 4);
      else packRowsTransposed(a + <usize>(i + g) * <usize>lda * 4, lda, rows, lanes, k, d, MR * 4);
    }
  }
}

/** Packs columns [j0, j0 + nc) of op(B) ([K, N]) into NR-column panels of K×NR floats at dst. */
export function packB(b: usize, ldb: i32, trans: bool, k: i32, n: i32, j0: i32, nc: i32, dst: usize): void {
  for (let j = j0; j < j0 + nc; j += 4) {
    const cols = max(0, min(4, n - j));
    const rel = j - j0;
    const panel = dst + <usize>(rel / NR) * <usize>k * NR * 4 + <usize>(rel % NR) * 4;
    if (trans) packRowsTransposed(b + <usize>j * <usize>ldb * 4, ldb, cols, 4, k, panel, NR * 4);
    else packRowsStraight(b + ((<usize>j) << 2), ldb, cols, 4, k, panel, NR * 4);
  }
}
