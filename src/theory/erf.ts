/**
 * Error function, its complement, the scaled complement and the normal distribution, in float64.
 *
 * erf/erfc/erfcx follow W. J. Cody, "Rational Chebyshev approximations for the error function",
 * Math. Comp. 23 (1969) 631–638, as in his netlib `specfun/erf` packet (CALERF): three near-minimax rational
 * approximations on |x| ≤ 0.46875, 0.46875 < |x| ≤ 4 and |x| > 4, each good to ~18 significant digits, so the
 * float64 results are within a few ulps (relative error ≲ 1e-15), including the far tail: erfc(x) is computed
 * as e^{−x²}·erfcx(x) with x² split exactly (Cody's AINT(16x)/16 trick), so erfc(26.5) ≈ 1e-307 keeps its
 * relative accuracy; erfc underflows to 0 beyond x ≈ 27.2 (subnormals lose digits before that).
 */

// Cody’s 18-digit coefficients as the float64 values they parse to (shortest round-trip form).
const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
];
const Q = [
  2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
];

/** 1/√π. */
const INV_SQRT_PI = 0.5641895835477563;
/** 1/√(2π): the standard normal density at 0. */
export const INV_SQRT_2PI = 0.3989422804014327;
/** √2. */
export const SQRT2 = Math.SQRT2;

/** erf on |x| ≤ 0.46875 (Cody's first interval). */
function erfSmall(x: number): number {
  const y2 = x * x;
  let num = A[4] * y2;
  let den = y2;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]) * y2;
    den = (den + B[i]) * y2;
  }
  return (x * (num + A[3])) / (den + B[3]);
}

/** erfcx(y) = e^{y²}·erfc(y) for y > 0.46875 (Cody's second and third intervals). */
function erfcxPositive(y: number): number {
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    return (num + C[7]) / (den + D[7]);
  }
  // Beyond 6.71e7, 1 − 1/(2y²) = 1 in float64: the asymptotic leading term is exact to rounding.
  if (y >= 6.71e7) return INV_SQRT_PI / y;
  const y2 = 1 / (y * y);
  let num = P[5] * y2;
  let den = y2;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]) * y2;
    den = (den + Q[i]) * y2;
  }
  const r = (y2 * (num + P[4])) / (den + Q[4]);
  return (INV_SQRT_PI - r) / y;
}

/** e^{−y²} with y² split as (⌊16y⌋/16)² + δ so the exponent's rounding does not cost relative accuracy. */
function expMinusSquare(y: number): number {
  const ys = Math.trunc(y * 16) / 16;
  const del = (y - ys) * (y + ys);
  return Math.exp(-ys * ys) * Math.exp(-del);
}

/** The error function erf(x) = (2/√π)∫₀ˣ e^{−t²} dt, relative error ≲ 1e-15 for every finite x. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  if (y >= 6) return x > 0 ? 1 : -1; // erfc(6) ≈ 2e-17 < ulp(1)/2
  const r = 1 - expMinusSquare(y) * erfcxPositive(y);
  return x > 0 ? r : -r;
}

/** The complementary error function erfc(x) = 1 − erf(x), relative error ≲ 1e-15 (0 beyond x ≈ 27.3). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  if (x > 0) return x > 27.3 ? 0 : expMinusSquare(y) * erfcxPositive(y);
  return y >= 6 ? 2 : 2 - expMinusSquare(y) * erfcxPositive(y);
}

/**
 * The scaled complementary error function erfcx(x) = e^{x²}·erfc(x), finite and ~1/(x√π) for large x, so
 * products like e^{a}·erfc(b) can be formed as e^{a−b²}·erfcx(b) without Inf·0. Overflows to +Infinity
 * below x ≈ −26.6.
 */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return Math.exp(x * x) * (1 - erfSmall(x));
  if (x > 0) return x === Infinity ? 0 : erfcxPositive(y);
  if (x < -26.628) return Infinity;
  // erfcx(−y) = 2e^{y²} − erfcx(y); e^{y²} computed in two exact-ish factors like expMinusSquare.
  const ys = Math.trunc(y * 16) / 16;
  const del = (y - ys) * (y + ys);
  return 2 * Math.exp(ys * ys) * Math.exp(del) - erfcxPositive(y);
}

/** Standard normal density φ(x) = e^{−x²/2}/√(2π). */
export function normPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Standard normal CDF Φ(x) = ½·erfc(−x/√2), accurate in relative terms in both tails (Φ(−37) ≈ 6e-300).
 * The only loss is the rounding of x/√2 (relative error of Φ ≈ x²·ulp in the far lower tail).
 */
export function normCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

/**
 * e^{a}·Φ(b) without overflow or Inf·0: for b < 0 it is ½·e^{a − b²/2}·erfcx(−b/√2), so a huge a paired with a
 * very negative b (the Gaussian moments' e^{km+k²s²/2}·Φ(−m/s−ks)) stays finite. Still +Infinity when the
 * true value overflows.
 */
export function expTimesNormCdf(a: number, b: number): number {
  if (b >= 0) return Math.exp(a) * normCdf(b);
  return 0.5 * Math.exp(a - 0.5 * b * b) * erfcx(-b / SQRT2);
}
