/** Scalar root finding and fixed points, shared by the mean-field, SELU and phase-diagram code. */

/**
 * A root of f in [a, b] by Brent's method (inverse quadratic interpolation safeguarded by bisection).
 * f(a) and f(b) must not have the same strict sign; returns NaN otherwise. Stops when the bracket is
 * narrower than `tol` (absolute) plus 4 ulps of the root, or after `maxIter` iterations.
 */
export function brent(f: (x: number) => number, a: number, b: number, tol = 0, maxIter = 200): number {
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!(fa * fb < 0)) return NaN;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 0; i < maxIter; i++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 4 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
  }
  return b;
}

/**
 * The fixed point x* = f(x*) on (0, ∞) that iterating f from x0 > 0 approaches, for a map f that is
 * increasing (as the variance maps here are): the nearest root of f(x) − x in the direction of its sign at x0.
 * Returns 0 when f(x) < x all the way down to 1e-300 (the iteration collapses), +Infinity when f(x) > x all
 * the way up to 1e300 (it explodes; so also when f(x) − x stays within rounding, 1e-13·x, of 0 up there), x0 itself when |f(x0) − x0| ≤ 1e-13·x0 (e.g. ReLU at σ_w² = 2, σ_b = 0,
 * where every q is fixed), NaN when f is NaN.
 */
export function increasingFixedPoint(f: (x: number) => number, x0: number): number {
  const g = (x: number): number => f(x) - x;
  const g0 = g(x0);
  if (Number.isNaN(g0)) return NaN;
  if (Math.abs(g0) <= 1e-13 * x0) return x0;
  // A sign change must exceed rounding (|g| > 1e-13·x): where f is numerically the identity (e.g. ELU at
  // σ_w² = 2 for q ≫ 1, where f(q) − q → α² + σ_b² is below one ulp of q) the search keeps going.
  if (g0 > 0) {
    let lo = x0;
    let hi = 2 * x0;
    for (let i = 0; ; i++) {
      const gh = g(hi);
      if (Number.isNaN(gh)) return NaN;
      if (gh < -1e-13 * hi) return brent(g, lo, hi);
      if (hi > 1e300) return Infinity;
      lo = hi;
      hi *= i < 20 ? 2 : 1e8; // tight brackets near x0, then fast growth (Brent copes with wide brackets)
    }
  }
  let hi = x0;
  let lo = x0 / 2;
  for (let i = 0; ; i++) {
    const gl = g(lo);
    if (Number.isNaN(gl)) return NaN;
    if (gl > 1e-13 * lo) return brent(g, lo, hi);
    if (lo < 1e-300) return 0;
    hi = lo;
    lo /= i < 20 ? 2 : 1e8;
  }
}
