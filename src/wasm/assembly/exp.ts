// @ts-nocheck -- AssemblyScript (compiled by asc, not tsc): f32/v128 types and SIMD builtins are asc's.
/**
 * Vectorized e^z and e^z − 1 on f32x4, accurate to float32 over the whole range, denormal results included.
 *
 * Cody–Waite reduction z = n·ln2 + r with |r| ≤ ln2/2, then p = e^r − 1 by a degree-7 Taylor polynomial
 * (truncation ≤ 1.5e-8 relative, below half an ulp), then e^z = 2^n·(1 + p) and e^z − 1 = 2^n·p + (2^n − 1).
 * The second form never subtracts nearly equal numbers: for |z| < ln2/2 it is exactly p, so ELU near zero
 * keeps full relative accuracy (what Math.expm1 gives), unlike exp(z) − 1.
 * 2^n is applied as two normal powers of two, 2^(n>>1)·2^(n−(n>>1)), so results down to the smallest
 * denormal (2^−149, z ≈ −103.3) round once, as a correctly rounded float32 exp would, and n = 128 overflows
 * to +Infinity instead of wrapping.
 */

/** log2(e). */
const LOG2E: f32 = 1.4426950408889634;
/** ln 2 split so that n·LN2_HI is exact for |n| ≤ 2^15 (LN2_HI has 9 significant bits). */
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.1219444e-4;
/** Inputs are clamped here: e^89 overflows float32, e^−104 rounds to 0. */
const Z_MAX: f32 = 89.0;
const Z_MIN: f32 = -104.0;

/** Inlined helpers (static methods: the one place decorators are plain TypeScript syntax). */
export class Exp {
  /** Reduced argument r = z − n·ln2 (z already clamped). */
  @inline static reduce(z: v128, n: v128): v128 {
    let r = f32x4.sub(z, f32x4.mul(n, f32x4.splat(LN2_HI)));
    return f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  }

  /** n = round(z·log2 e) of the clamped argument, as floats. */
  @inline static expN(zc: v128): v128 {
    return f32x4.nearest(f32x4.mul(zc, f32x4.splat(LOG2E)));
  }

  /** z clamped to [−104, 89] (NaN stays NaN). */
  @inline static clampArg(z: v128): v128 {
    return f32x4.max(f32x4.min(z, f32x4.splat(Z_MAX)), f32x4.splat(Z_MIN));
  }

  /** e^r − 1 for |r| ≤ ln2/2: r + r²·(1/2 + r·(1/6 + r·(1/24 + r·(1/120 + r·(1/720 + r/5040))))). */
  @inline static polyExpm1(r: v128): v128 {
    let q = f32x4.add(f32x4.splat(<f32>(1.0 / 720.0)), f32x4.mul(r, f32x4.splat(<f32>(1.0 / 5040.0))));
    q = f32x4.add(f32x4.splat(<f32>(1.0 / 120.0)), f32x4.mul(r, q));
    q = f32x4.add(f32x4.splat(<f32>(1.0 / 24.0)), f32x4.mul(r, q));
    q = f32x4.add(f32x4.splat(<f32>(1.0 / 6.0)), f32x4.mul(r, q));
    q = f32x4.add(f32x4.splat(<f32>0.5), f32x4.mul(r, q));
    return f32x4.add(r, f32x4.mul(f32x4.mul(r, r), q));
  }

  /** 2^(n>>1) as float bits (n as i32 lanes, n ∈ [−150, 128]). */
  @inline static scaleLo(ni: v128): v128 {
    return i32x4.shl(i32x4.add(i32x4.shr_s(ni, 1), i32x4.splat(127)), 23);
  }

  /** 2^(n − (n>>1)) as float bits. */
  @inline static scaleHi(ni: v128): v128 {
    return i32x4.shl(i32x4.add(i32x4.sub(ni, i32x4.shr_s(ni, 1)), i32x4.splat(127)), 23);
  }

  /** e^z per lane. */
  @inline static expV(z: v128): v128 {
    const zc = Exp.clampArg(z);
    const n = Exp.expN(zc);
    const p = Exp.polyExpm1(Exp.reduce(zc, n));
    const ni = i32x4.trunc_sat_f32x4_s(n);
    return f32x4.mul(f32x4.mul(f32x4.add(p, f32x4.splat(1.0)), Exp.scaleLo(ni)), Exp.scaleHi(ni));
  }

  /**
   * e^z − 1 for lanes with n ≤ 0 (z ≤ ln2/2): 2^n·p + (2^n − 1), exact p for |z| < ln2/2. Shared by the ELU
   * family, which only needs z ≤ 0 and computes e^z from the same p and scales.
   */
  @inline static expm1NonPos(p: v128, s: v128): v128 {
    return f32x4.add(f32x4.mul(p, s), f32x4.sub(s, f32x4.splat(1.0)));
  }

  /**
   * e^z − 1 per lane, with full relative accuracy near 0. For n > 0 it is 2^n·(p + (1 − 2^−n)), which neither
   * cancels nor overflows before the true result does (e^88.5 − 1 is finite although 2^128 is not).
   */
  @inline static expm1V(z: v128): v128 {
    const zc = Exp.clampArg(z);
    const n = Exp.expN(zc);
    const p = Exp.polyExpm1(Exp.reduce(zc, n));
    const ni = i32x4.trunc_sat_f32x4_s(n);
    const lo = Exp.scaleLo(ni);
    const hi = Exp.scaleHi(ni);
    const neg = Exp.expm1NonPos(p, f32x4.mul(lo, hi));
    // 2^−n (0 once n ≥ 127); for n ≥ 25, 1 − 2^−n rounds to 1 and this is exactly e^z's (1 + p)·2^n.
    const inv = i32x4.shl(i32x4.max_s(i32x4.sub(i32x4.splat(127), ni), i32x4.splat(0)), 23);
    const pos = f32x4.mul(f32x4.mul(f32x4.add(p, f32x4.sub(f32x4.splat(1.0), inv)), lo), hi);
    return v128.bitselect(pos, neg, i32x4.gt_s(ni, i32x4.splat(0)));
  }
}
