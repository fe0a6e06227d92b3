// @ts-nocheck -- AssemblyScript (compiled by asc, not tsc): f32/v128 types and SIMD builtins are asc's.
/**
 * C[M,N] = op(A)[M,K] · op(B)[K,N] on f32x4, Goto-style: A is packed once into MR-row panels, B into
 * NR-column panels block by block (a block of K×nc floats stays in L2), and an MR×NR register-blocked
 * micro-kernel produces each tile, which the epilogue of the current mode consumes while it is in L1.
 *
 * op(A) = A (row-major [M, K], row stride lda) or Aᵀ (A stored row-major [K, M]); same for B. The three
 * products of a dense layer are X·W (A, B plain), δ·Wᵀ (B transposed) and Xᵀ·δ (A transposed).
 * Panels are zero-padded past M and N, so padded accumulator lanes are exactly 0. Tile shape: shape.ts.
 */
import { epilogue } from './epilogue';
import { microKernel } from './micro';
import { packA, packB } from './pack';
import { MR, NR, TILE_BYTES } from './shape';

export { MR, NR };

/** Bytes of B block kept hot in L2 while every A panel streams past it. */
const B_BLOCK_BYTES: i32 = 512 * 1024;
/**
 * Inner-dimension block: an A panel (MR·KC floats) and a B panel (KC·NR floats) take 28 KiB together and stay
 * in L1 (48 KiB) while a tile is computed. Longer K is split; partial tiles wait in the `partial` scratch.
 */
export const KC: i32 = 512;

/**
 * Runs C = op(A)·op(B) and hands every MR×NR tile (row-major at `tile`) to the epilogue of `mode` (see
 * epilogue.ts) with its origin and valid extent. Scratch (all 16-byte aligned): packedA ⌈M/MR⌉·MR·K floats,
 * packedB KC'·blockCols(KC') floats with KC' = min(K, KC), and, only when K > KC, `partial`:
 * ⌈M/MR⌉·MR·blockCols(KC) floats for the tiles of the K blocks before the last.
 */
export function gemm(
  mode: i32,
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  lda: i32,
  transA: bool,
  b: usize,
  ldb: i32,
  transB: bool,
  packedA: usize,
  packedB: usize,
  partial: usize,
  tile: usize,
): void {
  packA(a, lda, transA, m, k, packedA);
  const nc = blockCols(min(k, KC));
  for (let jc = 0; jc < n; jc += nc) {
    const cur = min(nc, n - jc);
    const curPadded = ((cur + NR - 1) / NR) * NR;
    const tilesPerRow = curPadded / NR;
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const first = pc == 0;
      const last = pc + kc >= k;
      const bBlock = transB ? b + ((<usize>pc) << 2) : b + <usize>pc * <usize>ldb * 4;
      packB(bBlock, ldb, transB, kc, n, jc, curPadded, packedB);
      for (let i0 = 0; i0 < m; i0 += MR) {
        const ap = packedA + <usize>i0 * <usize>k * 4 + <usize>pc * MR * 4;
        const mv = min(MR, m - i0);
        for (let j = 0; j < cur; j += NR) {
          const saved = partial + <usize>((i0 / MR) * tilesPerRow + j / NR) * TILE_BYTES;
          microKernel(ap, packedB + <usize>j * <usize>kc * 4, kc, first ? 0 : saved, last ? tile : saved);
          if (last) epilogue(mode, tile, i0, jc + j, mv, min(NR, cur - j));
        }
      }
    }
  }
}

/** Columns of B packed per block for inner dimension k: a multiple of NR, about B_BLOCK_BYTES of floats. */
export function blockCols(k: i32): i32 {
  // Callers pass min(K, KC): the B block holds one K block.
  return max(NR, (B_BLOCK_BYTES / (4 * max(k, 1)) / NR) * NR);
}
