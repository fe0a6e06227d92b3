/**
 * Numerical Gaussian expectations E[f(z)], z ~ N(m, s²), by composite Gauss–Legendre quadrature.
 *
 * Why not Gauss–Hermite: the integrands here (ReLU-family kinks at 0, SiLU's unit-width bend seen through a
 * Gaussian of std s ≫ 1) are not polynomial-like on the Hermite scale, and Gauss–Hermite converges slowly on
 * them. Composite Gauss–Legendre with a breakpoint at every kink and panels no wider than the integrand's own
 * length scales converges exponentially on each smooth piece.
 *
 * Range: [m − 12s, m + 12s] (the omitted mass is 2Φ(−12) ≈ 3.6e-33, negligible even against z² or e^{2z}
 * growth at the moderate s used here). Panels: width ≤ s/2 everywhere (the Gaussian's scale) and ≤ 1/2
 * inside |z| ≤ 40 (the activations' own scale: beyond it, SiLU equals ReLU to 4e-18 and e^z < 5e-18), with
 * breakpoints at 0. With 20 nodes per panel the relative error is ~1e-14 or better for the integrands of this
 * module (checked in tests against closed forms); cost ≤ ~5,000 evaluations per call.
 */

/** Nodes and weights of the n-point Gauss–Legendre rule on [−1, 1], by Newton's method on P_n. */
function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = t;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (t * p1 - p0)) / (t * t - 1);
      const dt = p1 / dp;
      t -= dt;
      if (Math.abs(dt) < 1e-16) break;
    }
    x[i] = t;
    w[i] = 2 / ((1 - t * t) * dp * dp);
  }
  return { x, w };
}

const GL = gaussLegendre(20);

/** Half-width of the integration range, in standard deviations. */
const RANGE_SDS = 12;

/**
 * Breakpoints of the composite rule for N(m, s²): sorted, covering [m − 12s, m + 12s], including 0 when it is
 * inside, with panels ≤ s/2 wide and ≤ 1/2 wide inside [−40, 40].
 */
export function panelBreaks(m: number, s: number): number[] {
  const lo = m - RANGE_SDS * s;
  const hi = m + RANGE_SDS * s;
  const pts = new Set<number>([lo, hi]);
  const coarse = Math.max(1, Math.ceil((hi - lo) / (s / 2)));
  for (let i = 1; i < coarse; i++) pts.add(lo + ((hi - lo) * i) / coarse);
  const fLo = Math.max(lo, -40);
  const fHi = Math.min(hi, 40);
  if (fLo < fHi) {
    const fine = Math.ceil((fHi - fLo) / 0.5);
    for (let i = 0; i <= fine; i++) pts.add(fLo + ((fHi - fLo) * i) / fine);
    if (fLo < 0 && 0 < fHi) pts.add(0);
  }
  return [...pts].sort((a, b) => a - b);
}

/**
 * E[f_j(z)], j = 0…k−1, for z ~ N(m, s²), s > 0, in one pass over the nodes: `f(z, out)` sets out[j] = f_j(z)
 * (overwriting, not accumulating). Returns a Float64Array of the k expectations.
 */
export function gaussExpectations(
  f: (z: number, out: Float64Array) => void,
  k: number,
  m: number,
  s: number,
): Float64Array {
  const acc = new Float64Array(k);
  const vals = new Float64Array(k);
  const breaks = panelBreaks(m, s);
  const norm = 1 / (s * Math.sqrt(2 * Math.PI));
  for (let p = 0; p + 1 < breaks.length; p++) {
    const a = breaks[p];
    const b = breaks[p + 1];
    const half = 0.5 * (b - a);
    const mid = 0.5 * (a + b);
    for (let i = 0; i < GL.x.length; i++) {
      const z = mid + half * GL.x[i];
      const u = (z - m) / s;
      const wt = half * GL.w[i] * norm * Math.exp(-0.5 * u * u);
      f(z, vals);
      for (let j = 0; j < k; j++) acc[j] += wt * vals[j];
    }
  }
  return acc;
}

/** E[f(z)] for z ~ N(m, s²); f(m) when s = 0. See the module comment for the accuracy. */
export function gaussExpectation(f: (z: number) => number, m: number, s: number): number {
  if (s === 0) return f(m);
  return gaussExpectations(
    (z, out) => {
      out[0] = f(z);
    },
    1,
    m,
    s,
  )[0];
}
