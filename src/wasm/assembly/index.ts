// @ts-nocheck -- AssemblyScript (compiled by asc, not tsc): f32/v128 types and SIMD builtins are asc's.
/**
 * Entry of the kernel module. Memory is one linear memory that the host (src/wasm/memory.ts) lays out and
 * grows; nothing here allocates. All pointers are byte offsets, all matrices row-major float32.
 */
import { Exp } from './exp';
import { Tile } from './epilogue';

export { gemm, blockCols, MR, NR, KC } from './gemm';
export { microKernel } from './micro';
export { setBuffers, setForward, setBackward, setWeight, setStore } from './epilogue';
export { setActivation } from './activation';

/** First byte the host may use. */
export function heapBase(): usize {
  return (__heap_base + 63) & ~63;
}

/** Float64 slots of the loss kernel, after epilogue.ts's (src/wasm/layout.ts STAT). */
const S_G2: i32 = 4;
const S_GK: i32 = 5;
const S_LOSS: i32 = 10;

/**
 * Loss and its gradient over count = batch·width contiguous floats:
 * mse: loss = Σ(h − y)²/(2·batch), g = (h − y)/batch; probe: loss = Σh·y/batch, g = y/batch.
 * Adds loss, Σg² and (k ≠ 0) Σg·∂φ/∂k to the float64 stats, and overwrites φ′ at d with δ = g ⊙ φ′.
 * Float32 partial sums run over blocks of 256 values and are added in float64.
 */
export function lossGrad(
  h: usize,
  y: usize,
  d: usize,
  k: usize,
  count: i32,
  batch: i32,
  probe: bool,
  stats: usize,
): void {
  const invB = f32x4.splat(<f32>(1.0 / <f64>batch));
  let loss: f64 = 0,
    g2: f64 = 0,
    gk: f64 = 0;
  let i = 0;
  while (i < count) {
    const end = min(count, i + 256);
    let l4 = f32x4.splat(0),
      g4 = f32x4.splat(0),
      k4 = f32x4.splat(0);
    for (; i + 4 <= end; i += 4) {
      const o = (<usize>i) << 2;
      const hv = v128.load(h + o),
        yv = v128.load(y + o);
      let g: v128;
      if (probe) {
        l4 = f32x4.add(l4, f32x4.mul(hv, yv));
        g = f32x4.mul(yv, invB);
      } else {
        const e = f32x4.sub(hv, yv);
        l4 = f32x4.add(l4, f32x4.mul(e, e));
        g = f32x4.mul(e, invB);
      }
      g4 = f32x4.add(g4, f32x4.mul(g, g));
      if (k != 0) k4 = f32x4.add(k4, f32x4.mul(g, v128.load(k + o)));
      v128.store(d + o, f32x4.mul(g, v128.load(d + o)));
    }
    for (; i < end; i++) {
      const o = (<usize>i) << 2;
      const hv = load<f32>(h + o),
        yv = load<f32>(y + o);
      const g: f32 = probe ? yv * f32x4.extract_lane(invB, 0) : (hv - yv) * f32x4.extract_lane(invB, 0);
      loss += probe ? <f64>(hv * yv) : <f64>((hv - yv) * (hv - yv));
      g2 += <f64>(g * g);
      if (k != 0) gk += <f64>(g * load<f32>(k + o));
      store<f32>(d + o, g * load<f32>(d + o));
    }
    loss += Tile.hsum(l4);
    g2 += Tile.hsum(g4);
    gk += Tile.hsum(k4);
  }
  const scale: f64 = probe ? 1.0 / <f64>batch : 0.5 / <f64>batch;
  store<f64>(stats + (S_LOSS << 3), load<f64>(stats + (S_LOSS << 3)) + loss * scale);
  store<f64>(stats + (S_G2 << 3), load<f64>(stats + (S_G2 << 3)) + g2);
  if (k != 0) store<f64>(stats + (S_GK << 3), load<f64>(stats + (S_GK << 3)) + gk);
}

/** b[j] −= lr·Σ_rows δ[row, j] for δ row-major [rows, n]; `sums` is n floats (4-aligned) of scratch. */
export function biasStep(delta: usize, rows: i32, n: i32, b: usize, lr: f32, sums: usize): void {
  memory.fill(sums, 0, (<usize>n) << 2);
  const n4 = n & ~3;
  for (let r = 0; r < rows; r++) {
    const row = delta + ((<usize>r * <usize>n) << 2);
    let j = 0;
    for (; j < n4; j += 4) {
      const o = (<usize>j) << 2;
      v128.store(sums + o, f32x4.add(v128.load(sums + o), v128.load(row + o)));
    }
    for (; j < n; j++)
      store<f32>(
        sums + ((<usize>j) << 2),
        load<f32>(sums + ((<usize>j) << 2)) + load<f32>(row + ((<usize>j) << 2)),
      );
  }
  for (let j = 0; j < n; j++) {
    const p = b + ((<usize>j) << 2);
    store<f32>(p, load<f32>(p) - lr * load<f32>(sums + ((<usize>j) << 2)));
  }
}

/** dst[i] = e^src[i] for n floats (n a multiple of 4): for the kernel tests. */
export function expArray(src: usize, dst: usize, n: i32): void {
  for (let i = 0; i < n; i += 4)
    v128.store(dst + ((<usize>i) << 2), Exp.expV(v128.load(src + ((<usize>i) << 2))));
}

/** dst[i] = e^src[i] − 1 for n floats (n a multiple of 4): for the kernel tests. */
export function expm1Array(src: usize, dst: usize, n: i32): void {
  for (let i = 0; i < n; i += 4)
    v128.store(dst + ((<usize>i) << 2), Exp.expm1V(v128.load(src + ((<usize>i) << 2))));
}
