/**
 * The reference matmul kernels against naive triple loops, on shapes that exercise every remainder path
 * (odd rows, reductions not a multiple of 4, width 1) and shapes larger than one cache panel. Tolerance:
 * |Δ| ≤ 1e-12·Σ|a·b| per entry (only the summation order differs).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/random';
import { matmulAB, matmulABt, matmulAtB } from '../../../src/engine/reference/matmul';

const rand = (rng: Rng, len: number): Float64Array => rng.fillNormal(new Float64Array(len));

/** Naive C = op(A)·op(B) with C[i,j] = Σ_p A(i,p)·B(p,j), and Σ|A(i,p)·B(p,j)| for the tolerance. */
function naive(
  A: (i: number, p: number) => number,
  B: (p: number, j: number) => number,
  m: number,
  k: number,
  n: number,
): { c: Float64Array; abs: Float64Array } {
  const c = new Float64Array(m * n);
  const abs = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let t = 0;
      for (let p = 0; p < k; p++) {
        s += A(i, p) * B(p, j);
        t += Math.abs(A(i, p) * B(p, j));
      }
      c[i * n + j] = s;
      abs[i * n + j] = t;
    }
  }
  return { c, abs };
}

function expectNear(got: Float64Array, want: { c: Float64Array; abs: Float64Array }): void {
  expect(got.length).toBe(want.c.length);
  const bad: string[] = [];
  for (let i = 0; i < got.length; i++) {
    if (!(Math.abs(got[i] - want.c[i]) <= 1e-12 * want.abs[i])) bad.push(`[${i}] ${got[i]} vs ${want.c[i]}`);
  }
  expect(bad.slice(0, 5)).toEqual([]);
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 5, 3],
  [2, 4, 1],
  [3, 7, 5],
  [5, 3, 8],
  [8, 9, 7],
  [7, 1, 9],
  [6, 130, 3], // k larger than a panel when n is small: several panels of B rows
  [3, 11, 300], // n large: small panels of A·Bᵀ / Aᵀ·B
];

describe('reference matmul kernels', () => {
  const rng = new Rng(42, 0, 0);
  for (const [m, k, n] of SHAPES) {
    it(`[${m}×${k}]·[${k}×${n}] in all three layouts, overwriting C`, () => {
      // C = A·B with A [m,k], B [k,n].
      const a = rand(rng, m * k);
      const b = rand(rng, k * n);
      const c = new Float64Array(m * n).fill(NaN);
      expect(matmulAB(a, b, c, m, k, n)).toBe(c);
      expectNear(
        c,
        naive(
          (i, p) => a[i * k + p],
          (p, j) => b[p * n + j],
          m,
          k,
          n,
        ),
      );
      // C = A·Bᵀ with B stored [n, k].
      const bt = rand(rng, n * k);
      const c2 = new Float64Array(m * n).fill(NaN);
      matmulABt(a, bt, c2, m, k, n);
      expectNear(
        c2,
        naive(
          (i, p) => a[i * k + p],
          (p, j) => bt[j * k + p],
          m,
          k,
          n,
        ),
      );
      // C = Aᵀ·B with A stored [k, m].
      const at = rand(rng, k * m);
      const c3 = new Float64Array(m * n).fill(NaN);
      matmulAtB(at, b, c3, k, m, n);
      expectNear(
        c3,
        naive(
          (i, p) => at[p * m + i],
          (p, j) => b[p * n + j],
          m,
          k,
          n,
        ),
      );
    });
  }

  it('is correct across several cache panels ([3×300]·[300×700] and transposes)', () => {
    const [m, k, n] = [3, 300, 700];
    const a = rand(rng, m * k);
    const w = rand(rng, k * n);
    const c = new Float64Array(m * n);
    matmulAB(a, w, c, m, k, n);
    expectNear(
      c,
      naive(
        (i, p) => a[i * k + p],
        (p, j) => w[p * n + j],
        m,
        k,
        n,
      ),
    );
    const g = new Float64Array(m * k);
    matmulABt(c, w, g, m, n, k);
    expectNear(
      g,
      naive(
        (i, p) => c[i * n + p],
        (p, j) => w[j * n + p],
        m,
        n,
        k,
      ),
    );
    const dw = new Float64Array(k * n);
    matmulAtB(a, c, dw, m, k, n);
    expectNear(
      dw,
      naive(
        (i, p) => a[p * k + i],
        (p, j) => c[p * n + j],
        k,
        m,
        n,
      ),
    );
  });
});
