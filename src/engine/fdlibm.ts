/**
 * Ports of fdlibm's log, sin and cos (e_log.c, s_sin.c, s_cos.c, k_sin.c, k_cos.c, e_rem_pio2.c), for
 * cross-engine determinism of the normal draws (random.ts).
 *
 * Why: Math.log, Math.sin and Math.cos are not correctly rounded, and ECMAScript leaves their results
 * implementation-approximated. V8 (Node 20, Chrome) uses ports of fdlibm; newer V8 switches some functions to
 * llvm-libc; Firefox and Safari use other libraries. They disagree in the last bit for a small fraction of
 * arguments, so the same seed could give different weights in different browsers, breaking the promise that
 * the same URL gives the same numbers everywhere. These functions use only float64 +, −, ×, ÷ (correctly
 * rounded by IEEE 754, so identical in every engine) and integer operations on the words of the float, and
 * reproduce fdlibm, hence Node 20's Math.log / Math.sin / Math.cos, bit for bit (tests/engine/fdlibm.test.ts).
 * The Python export (export/python-draws.ts) carries the same port, so Python draws the same numbers too.
 *
 * Order of operations, constants and branches follow fdlibm 5.3 (and V8's src/base/ieee754.cc, which is
 * derived from it) exactly: do not "simplify" an expression, it would change the rounding.
 *
 * Range: log is complete (zero, subnormal, negative, infinite and NaN arguments included). sin and cos
 * implement only the small and medium argument reductions of e_rem_pio2.c (Cody–Waite with up to
 * 33+33+33+53 bits of π/2), used by fdlibm for |x| ≲ 2^20·π/2 ≈ 1.65e6 (high word ≤ 0x413921FB); beyond,
 * fdlibm calls __kernel_rem_pio2 (Payne–Hanek), which is not ported: there sin and cos throw a RangeError.
 * Box–Muller only needs [0, 2π). ±∞ and NaN give NaN, as in fdlibm.
 *
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunSoft, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */

// Word access to a float64, as fdlibm's GET_HIGH_WORD / GET_LOW_WORD / INSERT_WORDS macros. The typed arrays
// use the platform's byte order, so the index of the high word is detected once.
const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);
F64[0] = 1; // 0x3FF00000_00000000: only the high word is non-zero
const HI = I32[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/** The high 32 bits of x, as a signed int32 (sign bit included), like fdlibm's GET_HIGH_WORD. */
function highWord(x: number): number {
  F64[0] = x;
  return I32[HI]!;
}

/** The low 32 bits of x, as a signed int32. */
function lowWord(x: number): number {
  F64[0] = x;
  return I32[LO]!;
}

/** The float64 with high word `hi` and low word `lo` (INSERT_WORDS). */
function fromWords(hi: number, lo: number): number {
  I32[HI] = hi;
  I32[LO] = lo;
  return F64[0]!;
}

// ---------------------------------------------------------------------------------------------------------
// e_log.c
// ---------------------------------------------------------------------------------------------------------
const LN2_HI = 6.9314718036912381649e-1; // 3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 3DEA39EF 35793C76
const TWO54 = 1.8014398509481984e16; // 43500000 00000000
const LG1 = 6.66666666666673513e-1; // 3FE55555 55555593
const LG2 = 3.999999999940941908e-1; // 3FD99999 9997FA04
const LG3 = 2.857142874366239149e-1; // 3FD24924 94229359
const LG4 = 2.222219843214978396e-1; // 3FCC71C5 1D8E78AF
const LG5 = 1.818357216161805012e-1; // 3FC74664 96CB03DE
const LG6 = 1.531383769920937332e-1; // 3FC39A09 D078C69F
const LG7 = 1.479819860511658591e-1; // 3FC2F112 DF3E5244

/**
 * Natural logarithm, fdlibm's __ieee754_log: x = 2^k·(1+f) with √2/2 < 1+f < √2, log(1+f) = 2s + R(s²)
 * with s = f/(2+f), R a degree-14 minimax polynomial; error < 1 ulp. log(±0) = −∞, log(x<0) = NaN.
 */
export function log(x: number): number {
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022
    if (((hx & 0x7fffffff) | lx) === 0) return -TWO54 / 0; // log(±0) = −∞
    if (hx < 0) return NaN; // log(−#) = NaN
    k -= 54;
    x *= TWO54; // subnormal: scale up x
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // +∞ or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = fromWords(hx | (i ^ 0x3ff00000), lowWord(x)); // normalize x or x/2
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // −2^-20 ≤ f < 2^-20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f); // fdlibm's 0.33333333333333333 is the same double
    if (k === 0) return f - r;
    return k * LN2_HI - (r - k * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const r = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - r);
  return dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

// ---------------------------------------------------------------------------------------------------------
// k_sin.c and k_cos.c: sin and cos on [−π/4, π/4], of x + y with y the tail of the reduced argument.
// ---------------------------------------------------------------------------------------------------------
const S1 = -1.66666666666666324348e-1; // BFC55555 55555549
const S2 = 8.33333333332248946124e-3; // 3F811111 1110F8A6
const S3 = -1.98412698298579493134e-4; // BF2A01A0 19C161D5
const S4 = 2.75573137070700676789e-6; // 3EC71DE3 57B1FE7D
const S5 = -2.50507602534068634195e-8; // BE5AE5E6 8A2B9CEB
const S6 = 1.58969099521155010221e-10; // 3DE5D93A 5ACFD57C
const C1 = 4.16666666666666019037e-2; // 3FA55555 5555554C
const C2 = -1.38888888888741095749e-3; // BF56C16C 16C15177
const C3 = 2.48015872894767294178e-5; // 3EFA01A0 19CB1590
const C4 = -2.75573143513906633035e-7; // BE927E4F 809C52AD
const C5 = 2.0875723212981748279e-9; // 3E21EE9E BDB4B1C4
const C6 = -1.13596475577881948265e-11; // BDA8FAE9 BE8838D4

/** fdlibm's __kernel_sin(x, y, iy): iy = 0 means y is known to be 0. */
function kernelSin(x: number, y: number, iy: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return x; // |x| < 2^-27 ((int)x == 0 raises inexact in C)
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** fdlibm's __kernel_cos(x, y). */
function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return 1.0; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1.0 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0); // |x| > 0.78125 ? 9/32 : |x|/4
  const hz = 0.5 * z - qx;
  const a = 1.0 - qx;
  return a - (hz - (z * r - x * y));
}

// ---------------------------------------------------------------------------------------------------------
// e_rem_pio2.c, small and medium arguments only.
// ---------------------------------------------------------------------------------------------------------
const INVPIO2 = 6.36619772367581382433e-1; // 3FE45F30 6DC9C883: 53 bits of 2/π
const PIO2_1 = 1.57079632673412561417; // 3FF921FB 54400000: first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // 3DD0B461 1A626331: π/2 − PIO2_1
const PIO2_2 = 6.0771005063039659766e-11; // 3DD0B461 1A600000: second 33 bits of π/2
const PIO2_2T = 2.02226624879595063154e-21; // 3BA3198A 2E037073: π/2 − (PIO2_1 + PIO2_2)
const PIO2_3 = 2.0222662487111664558e-21; // 3BA3198A 2E000000: third 33 bits of π/2
const PIO2_3T = 8.47842766036889956997e-32; // 397B839A 252049C1: π/2 − (PIO2_1 + PIO2_2 + PIO2_3)

/** High words of n·π/2 for n = 1..32: a quick test for cancellation in the reduction. */
const NPIO2_HW = [
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a,
  0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a,
  0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac,
  0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
];

/** The reduced argument: x = n·π/2 + (y0 + y1), |y0 + y1| ≤ π/4 (approximately), y1 the tail of y0. */
const Y = new Float64Array(2);

/**
 * fdlibm's __ieee754_rem_pio2 for π/4 < |x| ≤ 2^20·π/2 (the caller handles |x| ≤ π/4 and NaN/∞): returns n
 * and writes y0, y1 to Y. Throws a RangeError beyond, where fdlibm calls __kernel_rem_pio2 (not ported).
 */
function remPio2(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: special case with n = ±1. 33+53 bits of π/2 are enough, 33+33+53 near π/2.
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix !== 0x3ff921fb) {
        Y[0] = z - PIO2_1T;
        Y[1] = z - Y[0]! - PIO2_1T;
      } else {
        z -= PIO2_2;
        Y[0] = z - PIO2_2T;
        Y[1] = z - Y[0]! - PIO2_2T;
      }
      return 1;
    }
    let z = x + PIO2_1;
    if (ix !== 0x3ff921fb) {
      Y[0] = z + PIO2_1T;
      Y[1] = z - Y[0]! + PIO2_1T;
    } else {
      z += PIO2_2;
      Y[0] = z + PIO2_2T;
      Y[1] = z - Y[0]! + PIO2_2T;
    }
    return -1;
  }
  if (ix > 0x413921fb) {
    throw new RangeError(`fdlibm sin/cos: |x| > 2^20·π/2 is not supported (x = ${x})`);
  }
  // Medium size: Cody–Waite with 33+53, then if needed 33+33+53, then 33+33+33+53 bits of π/2.
  const t0 = Math.abs(x);
  const n = Math.trunc(t0 * INVPIO2 + 0.5);
  const fn = n;
  let r = t0 - fn * PIO2_1;
  let w = fn * PIO2_1T; // first round, good to 85 bits
  if (n < 32 && ix !== NPIO2_HW[n - 1]) {
    Y[0] = r - w; // quick check: no cancellation
  } else {
    const j = ix >> 20;
    Y[0] = r - w;
    let i = j - ((highWord(Y[0]) >> 20) & 0x7ff);
    if (i > 16) {
      // second iteration, good to 118 bits
      let t = r;
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      Y[0] = r - w;
      i = j - ((highWord(Y[0]) >> 20) & 0x7ff);
      if (i > 49) {
        // third iteration, 151 bits: covers all possible cases
        t = r;
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        Y[0] = r - w;
      }
    }
  }
  Y[1] = r - Y[0]! - w;
  if (hx < 0) {
    Y[0] = -Y[0]!;
    Y[1] = -Y[1]!;
    return -n;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------
// s_sin.c and s_cos.c
// ---------------------------------------------------------------------------------------------------------

/** Sine, fdlibm's sin: error < 1 ulp. NaN for ±∞ and NaN; RangeError for finite |x| > 2^20·π/2. */
export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, 0); // |x| ≤ π/4
  if (ix >= 0x7ff00000) return x - x; // sin(±∞) = sin(NaN) = NaN
  const n = remPio2(x);
  const y0 = Y[0]!;
  const y1 = Y[1]!;
  switch (n & 3) {
    case 0:
      return kernelSin(y0, y1, 1);
    case 1:
      return kernelCos(y0, y1);
    case 2:
      return -kernelSin(y0, y1, 1);
    default:
      return -kernelCos(y0, y1);
  }
}

/** Cosine, fdlibm's cos: error < 1 ulp. NaN for ±∞ and NaN; RangeError for finite |x| > 2^20·π/2. */
export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0); // |x| ≤ π/4
  if (ix >= 0x7ff00000) return x - x; // cos(±∞) = cos(NaN) = NaN
  const n = remPio2(x);
  const y0 = Y[0]!;
  const y1 = Y[1]!;
  switch (n & 3) {
    case 0:
      return kernelCos(y0, y1);
    case 1:
      return -kernelSin(y0, y1, 1);
    case 2:
      return -kernelCos(y0, y1);
    default:
      return kernelSin(y0, y1, 1);
  }
}
