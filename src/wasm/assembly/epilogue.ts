// @ts-nocheck -- AssemblyScript (compiled by asc, not tsc): f32/v128 types and SIMD builtins are asc's.
/**
 * What happens to each MR×NR tile of a product while it is still in registers/L1 (shape.ts: MR = 6, NR = 8):
 *  - FORWARD  (z = h·W): + bias, φ, φ′ (and the hybrid's ∂φ/∂k) stored; shifted sums of z and h, and the
 *    per-unit "any φ′ ≠ 0" / "any |φ′| ≥ 0.01" masks that give dead and saturated counts.
 *  - BACKWARD (g = δ·Wᵀ): Σg², Σg·∂φ/∂k, and δ = g ⊙ φ′ written over φ′ in place.
 *  - WEIGHT   (∂W = hᵀ·δ): Σ(∂W)², then (when training) the SGD update W −= lr·∂W in place.
 *  - STORE    (plain C = A·B, for tests and the GEMM benchmark).
 * Tile partial sums are float32 over ≤ 48 values; they are added to float64 accumulators (`stats`), so a
 * layer's sums carry float64 error plus a few float32 ulps per tile. Variances use sums shifted by the first
 * element (the "shifted data" algorithm): no cancellation when |mean| ≫ std.
 */
import { Act } from './activation';
import { TILE_BYTES } from './shape';

export const FORWARD: i32 = 0;
export const BACKWARD: i32 = 1;
export const WEIGHT: i32 = 2;
export const STORE: i32 = 3;

/** Float64 slots at `stats` (see src/wasm/layout.ts STAT). */
const S_Z1: i32 = 0; // Σ(z − cz)
const S_Z2: i32 = 1; // Σ(z − cz)²
const S_H1: i32 = 2; // Σ(h − ch)
const S_H2: i32 = 3; // Σ(h − ch)²
const S_G2: i32 = 4; // Σg² (BACKWARD, and the loss kernel)
const S_GK: i32 = 5; // Σg·∂φ/∂k
const S_W2: i32 = 6; // Σ(∂W)²
const S_CZ: i32 = 7; // shift cz
const S_CH: i32 = 8; // shift ch
const S_SHIFT_SET: i32 = 9; // 1 once the shifts are taken from the first tile

let stats: usize = 0;
let out: usize = 0; // FORWARD: h; BACKWARD: φ′ → δ; WEIGHT: W; STORE: C
let outD: usize = 0; // FORWARD: φ′
let outK: usize = 0; // FORWARD: ∂φ/∂k written; BACKWARD: ∂φ/∂k read; 0 = not hybrid
let bias: usize = 0; // FORWARD: bias padded to a multiple of NR, 0 = none
let ld: i32 = 0; // row stride (floats) of out, outD, outK
let alive: usize = 0; // FORWARD: i32 per unit, all ones once some φ′ ≠ 0
let notSat: usize = 0; // FORWARD: i32 per unit, all ones once some |φ′| ≥ 0.01
let stage: usize = 0; // 3 tiles of scratch for partial tiles
let rate: f32 = 0; // WEIGHT: learning rate, 0 = no update

/** Where the float64 statistics live and the scratch used for edge tiles (3·MR·NR floats). */
export function setBuffers(statsPtr: usize, stagePtr: usize): void {
  stats = statsPtr;
  stage = stagePtr;
}

/** FORWARD outputs: h, φ′, ∂φ/∂k (0 = none) with row stride ldOut; bias (0 = none); unit masks. */
export function setForward(
  h: usize,
  d: usize,
  k: usize,
  ldOut: i32,
  b: usize,
  aliveP: usize,
  notSatP: usize,
): void {
  out = h;
  outD = d;
  outK = k;
  ld = ldOut;
  bias = b;
  alive = aliveP;
  notSat = notSatP;
}

/** BACKWARD: d holds φ′ of the layer below and receives δ; k its ∂φ/∂k (0 = none). */
export function setBackward(d: usize, k: usize, ldOut: i32): void {
  out = d;
  outK = k;
  ld = ldOut;
}

/** WEIGHT: W (row stride ldW) and the learning rate (0: statistics only). */
export function setWeight(w: usize, ldW: i32, lr: f32): void {
  out = w;
  ld = ldW;
  rate = lr;
}

/** STORE: C with row stride ldC. */
export function setStore(c: usize, ldC: i32): void {
  out = c;
  ld = ldC;
}

/** Copies the valid part (mv×nv) of a staged tile (row stride NR) to base (row stride ld), or back. */
function copyTile(tile: usize, base: usize, i0: i32, j0: i32, mv: i32, nv: i32, toStage: bool): void {
  for (let r = 0; r < mv; r++) {
    for (let c = 0; c < nv; c++) {
      const s = tile + <usize>((r * 8 + c) << 2);
      const m = Tile.at(base, i0 + r, j0 + c);
      if (toStage) store<f32>(s, load<f32>(m));
      else store<f32>(m, load<f32>(s));
    }
  }
}

/** Dispatches one tile (row-major MR×NR f32 at tile, origin (i0, j0), mv×nv valid) to the mode's epilogue. */
export function epilogue(mode: i32, tile: usize, i0: i32, j0: i32, mv: i32, nv: i32): void {
  if (mode == FORWARD) forward(tile, i0, j0, mv, nv);
  else if (mode == BACKWARD) backward(tile, i0, j0, mv, nv);
  else if (mode == WEIGHT) weight(tile, i0, j0, mv, nv);
  else if (nv == 8) {
    for (let r = 0; r < mv; r++) {
      const t = tile + ((<usize>r) << 5);
      const c = Tile.at(out, i0 + r, j0);
      v128.store(c, v128.load(t));
      v128.store(c, v128.load(t, 16), 16);
    }
  } else copyTile(tile, out, i0, j0, mv, nv, false);
}

function forward(tile: usize, i0: i32, j0: i32, mv: i32, nv: i32): void {
  const full = nv == 8;
  const zero = f32x4.splat(0);
  let b0 = zero,
    b1 = zero;
  if (bias != 0) {
    b0 = v128.load(bias + ((<usize>j0) << 2));
    b1 = v128.load(bias + ((<usize>j0) << 2), 16);
  }
  const sh = stage,
    sd = stage + TILE_BYTES,
    sk = stage + 2 * TILE_BYTES;
  if (load<f64>(stats + (S_SHIFT_SET << 3)) == 0) {
    // Shifts: z and h of the first element (Act.activate() on a splat of it).
    const z = f32x4.splat(load<f32>(tile) + f32x4.extract_lane(b0, 0));
    Act.activate(z, sh, sd, 0);
    store<f64>(stats + (S_CZ << 3), <f64>f32x4.extract_lane(z, 0));
    store<f64>(stats + (S_CH << 3), <f64>load<f32>(sh));
    store<f64>(stats + (S_SHIFT_SET << 3), 1);
  }
  const cz = f32x4.splat(<f32>load<f64>(stats + (S_CZ << 3)));
  const ch = f32x4.splat(<f32>load<f64>(stats + (S_CH << 3)));
  const m0 = Tile.colMask(0, nv),
    m1 = Tile.colMask(4, nv);
  let z1 = zero,
    z2 = zero,
    h1 = zero,
    h2 = zero;
  let a0 = zero,
    a1 = zero,
    n0 = zero,
    n1 = zero;
  const satBound = f32x4.splat(0.01);
  for (let r = 0; r < mv; r++) {
    const t = tile + <usize>(r << 5);
    const za = f32x4.add(v128.load(t), b0);
    const zb = f32x4.add(v128.load(t, 16), b1);
    let hp: usize, dp: usize, kp: usize;
    if (full) {
      hp = Tile.at(out, i0 + r, j0);
      dp = Tile.at(outD, i0 + r, j0);
      kp = outK != 0 ? Tile.at(outK, i0 + r, j0) : 0;
    } else {
      hp = sh + <usize>(r << 5);
      dp = sd + <usize>(r << 5);
      kp = outK != 0 ? sk + <usize>(r << 5) : 0;
    }
    Act.activate(za, hp, dp, kp);
    Act.activate(zb, hp + 16, dp + 16, kp != 0 ? kp + 16 : 0);
    const dza = v128.and(f32x4.sub(za, cz), m0);
    const dzb = v128.and(f32x4.sub(zb, cz), m1);
    z1 = f32x4.add(z1, f32x4.add(dza, dzb));
    z2 = f32x4.add(z2, f32x4.add(f32x4.mul(dza, dza), f32x4.mul(dzb, dzb)));
    const dha = v128.and(f32x4.sub(v128.load(hp), ch), m0);
    const dhb = v128.and(f32x4.sub(v128.load(hp, 16), ch), m1);
    h1 = f32x4.add(h1, f32x4.add(dha, dhb));
    h2 = f32x4.add(h2, f32x4.add(f32x4.mul(dha, dha), f32x4.mul(dhb, dhb)));
    const da = v128.load(dp),
      db = v128.load(dp, 16);
    a0 = v128.or(a0, f32x4.ne(da, zero));
    a1 = v128.or(a1, f32x4.ne(db, zero));
    n0 = v128.or(n0, f32x4.ge(f32x4.abs(da), satBound));
    n1 = v128.or(n1, f32x4.ge(f32x4.abs(db), satBound));
  }
  const ap = alive + ((<usize>j0) << 2),
    np = notSat + ((<usize>j0) << 2);
  v128.store(ap, v128.or(v128.load(ap), a0));
  v128.store(ap, v128.or(v128.load(ap, 16), a1), 16);
  v128.store(np, v128.or(v128.load(np), n0));
  v128.store(np, v128.or(v128.load(np, 16), n1), 16);
  if (!full) {
    copyTile(sh, out, i0, j0, mv, nv, false);
    copyTile(sd, outD, i0, j0, mv, nv, false);
    if (outK != 0) copyTile(sk, outK, i0, j0, mv, nv, false);
  }
  Tile.addStat(S_Z1, Tile.hsum(z1));
  Tile.addStat(S_Z2, Tile.hsum(z2));
  Tile.addStat(S_H1, Tile.hsum(h1));
  Tile.addStat(S_H2, Tile.hsum(h2));
}

function backward(tile: usize, i0: i32, j0: i32, mv: i32, nv: i32): void {
  const full = nv == 8;
  const zero = f32x4.splat(0);
  const sd = stage + TILE_BYTES,
    sk = stage + 2 * TILE_BYTES;
  if (!full) {
    // Padded columns of g are exactly 0 (zero B panel columns), so zeroed staging keeps every sum exact.
    memory.fill(stage, 0, 3 * TILE_BYTES);
    copyTile(sd, out, i0, j0, mv, nv, true);
    if (outK != 0) copyTile(sk, outK, i0, j0, mv, nv, true);
  }
  let g2 = zero,
    gk = zero;
  for (let r = 0; r < mv; r++) {
    const t = tile + <usize>(r << 5);
    const ga = v128.load(t),
      gb = v128.load(t, 16);
    const dp = full ? Tile.at(out, i0 + r, j0) : sd + <usize>(r << 5);
    v128.store(dp, f32x4.mul(ga, v128.load(dp)));
    v128.store(dp, f32x4.mul(gb, v128.load(dp, 16)), 16);
    g2 = f32x4.add(g2, f32x4.add(f32x4.mul(ga, ga), f32x4.mul(gb, gb)));
    if (outK != 0) {
      const kp = full ? Tile.at(outK, i0 + r, j0) : sk + <usize>(r << 5);
      gk = f32x4.add(gk, f32x4.add(f32x4.mul(ga, v128.load(kp)), f32x4.mul(gb, v128.load(kp, 16))));
    }
  }
  if (!full) copyTile(sd, out, i0, j0, mv, nv, false);
  Tile.addStat(S_G2, Tile.hsum(g2));
  if (outK != 0) Tile.addStat(S_GK, Tile.hsum(gk));
}

function weight(tile: usize, i0: i32, j0: i32, mv: i32, nv: i32): void {
  const full = nv == 8;
  let w2 = f32x4.splat(0);
  const lr = f32x4.splat(rate);
  for (let r = 0; r < mv; r++) {
    const t = tile + <usize>(r << 5);
    const ga = v128.load(t),
      gb = v128.load(t, 16);
    w2 = f32x4.add(w2, f32x4.add(f32x4.mul(ga, ga), f32x4.mul(gb, gb)));
    if (rate != 0 && full) {
      const wp = Tile.at(out, i0 + r, j0);
      v128.store(wp, f32x4.sub(v128.load(wp), f32x4.mul(lr, ga)));
      v128.store(wp, f32x4.sub(v128.load(wp, 16), f32x4.mul(lr, gb)), 16);
    }
  }
  if (rate != 0 && !full) {
    for (let r = 0; r < mv; r++) {
      for (let c = 0; c < nv; c++) {
        const wp = Tile.at(out, i0 + r, j0 + c);
        store<f32>(wp, load<f32>(wp) - rate * load<f32>(tile + <usize>((r * 8 + c) << 2)));
      }
    }
  }
  Tile.addStat(S_W2, Tile.hsum(w2));
}

/** Inlined helpers (static methods: the one place decorators are plain TypeScript syntax). */
export class Tile {
  @inline static hsum(v: v128): f64 {
    return (
      <f64>f32x4.extract_lane(v, 0) +
      <f64>f32x4.extract_lane(v, 1) +
      <f64>f32x4.extract_lane(v, 2) +
      <f64>f32x4.extract_lane(v, 3)
    );
  }

  @inline static addStat(slot: i32, v: f64): void {
    const p = stats + ((<usize>slot) << 3);
    store<f64>(p, load<f64>(p) + v);
  }

  /** Byte address of element (row, col) of a matrix with row stride ld floats. */
  @inline static at(base: usize, row: i32, col: i32): usize {
    return base + ((<usize>row * <usize>ld + <usize>col) << 2);
  }

  /** Lanes of columns [c, c + 4) that are < nv, as an all-ones/zero mask. */
  @inline static colMask(c: i32, nv: i32): v128 {
    return i32x4.lt_s(i32x4(c, c + 1, c + 2, c + 3), i32x4.splat(nv));
  }
}
