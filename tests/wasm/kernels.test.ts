/**
 * Kernel-level tests of the SIMD module: the blocked GEMM in every operand layout against a naive float64
 * product on odd shapes, and the vectorized exp / expm1 against Math.exp / Math.expm1.
 */
import './relaxed-simd';
import { describe, expect, it } from 'vitest';
import { wasmSimdSupported } from '../../src/wasm/backend';
import { ensureMemory, instantiateKernels, MODE, relaxedSimdSupported } from '../../src/wasm/kernels';
import type { KernelExports, KernelVariant } from '../../src/wasm/kernels';
import { Arena, gemmScratch, MR, NR } from '../../src/wasm/layout';

/** float32 unit roundoff. */
const U = 2 ** -24;

/** Deterministic values in [−1, 1) (a small LCG; the engine's own RNG is not under test here). */
function values(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** op(A)[m,k]·op(B)[k,n] on the kernel module, STORE epilogue, plus the float64 product and Σ|a||b| bound. */
async function gemmCase(
  k: KernelExports,
  m: number,
  n: number,
  kk: number,
  transA: boolean,
  transB: boolean,
): Promise<{ got: Float32Array; want: Float64Array; bound: Float64Array }> {
  const a = values(m * kk, 1 + m);
  const b = values(kk * n, 7 + n);
  const arena = new Arena(k.heapBase());
  const pa = arena.take(a.byteLength);
  const pb = arena.take(b.byteLength);
  const pc = arena.take(m * n * 4);
  const s = gemmScratch(m, n, kk, k);
  const packedA = arena.take(s.a);
  const packedB = arena.take(s.b);
  const partial = arena.take(s.partial);
  const tile = arena.take(MR * NR * 4);
  const stage = arena.take(3 * MR * NR * 4);
  const stats = arena.take(128);
  ensureMemory(k.memory, arena.end);
  const buf = k.memory.buffer;
  new Float32Array(buf, pa, a.length).set(a);
  new Float32Array(buf, pb, b.length).set(b);
  k.setBuffers(stats, stage);
  k.setStore(pc, n);
  // A stored [m, kk] (plain) or [kk, m] (transposed); B stored [kk, n] or [n, kk].
  const lda = transA ? m : kk;
  const ldb = transB ? kk : n;
  k.gemm(
    MODE.store,
    m,
    n,
    kk,
    pa,
    lda,
    transA ? 1 : 0,
    pb,
    ldb,
    transB ? 1 : 0,
    packedA,
    packedB,
    partial,
    tile,
  );
  const got = new Float32Array(buf, pc, m * n).slice();
  const A = (i: number, p: number): number => (transA ? a[p * lda + i] : a[i * lda + p]);
  const B = (p: number, j: number): number => (transB ? b[j * ldb + p] : b[p * ldb + j]);
  const want = new Float64Array(m * n);
  const bound = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let abs = 0;
      for (let p = 0; p < kk; p++) {
        sum += A(i, p) * B(p, j);
        abs += Math.abs(A(i, p) * B(p, j));
      }
      want[i * n + j] = sum;
      bound[i * n + j] = abs;
    }
  }
  return { got, want, bound };
}

const variants: KernelVariant[] = relaxedSimdSupported() ? ['simd', 'relaxed'] : ['simd'];

describe('feature detection', () => {
  it('finds 128-bit SIMD in this Node (V8 has shipped it since Node 16.4)', () => {
    expect(wasmSimdSupported()).toBe(true);
  });

  it('finds relaxed SIMD (enabled by ./relaxed-simd), so the relaxed build is under test as well', () => {
    expect(relaxedSimdSupported()).toBe(true);
  });
});

describe.each(variants)('GEMM (%s build)', (variant) => {
  it('blocks K at KC = 512 and N at 256 columns for that K (the shapes below rely on it)', async () => {
    const k = await instantiateKernels(variant);
    expect(k.KC.value).toBe(512);
    expect(k.blockCols(512)).toBe(256);
  });

  // 1×1×1 and 3×5×7 are all edge tiles; 17×33×65 mixes full and partial tiles in both directions;
  // 13×300×1100 splits K in blocks of KC = 512 (partial tiles saved between blocks) and N in column blocks
  // of blockCols(512) = 256.
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 7],
    [17, 33, 65],
    [8, 16, 4],
    [13, 300, 1100],
  ];
  for (const [m, n, kk] of shapes) {
    for (const [ta, tb] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ] as const) {
      it(`${m}×${n}×${kk}, A${ta ? 'ᵀ' : ''}·B${tb ? 'ᵀ' : ''} within the float32 dot-product bound`, async () => {
        const k = await instantiateKernels(variant);
        const { got, want, bound } = await gemmCase(k, m, n, kk, ta, tb);
        // Recursive summation in float32: |ĉ − c| ≤ γ_K·Σ|a||b| with γ_K ≈ K·u (plus one rounding of c).
        for (let i = 0; i < want.length; i++) {
          const tol = (kk + 2) * U * bound[i];
          expect(Math.abs(got[i] - want[i]), `C[${i}] = ${got[i]}, float64 ${want[i]}`).toBeLessThanOrEqual(
            tol,
          );
        }
        // And not trivially: an all-zero or transposed result would be far outside the bound.
        expect(got.some((v) => v !== 0)).toBe(true);
      });
    }
  }
});

/** e^x (or e^x − 1) on the module for float32 inputs xs (length padded to a multiple of 4). */
async function runExp(which: 'exp' | 'expm1', xs: Float32Array): Promise<Float32Array> {
  const k = await instantiateKernels('simd');
  const len = Math.ceil(xs.length / 4) * 4;
  const arena = new Arena(k.heapBase());
  const src = arena.take(len * 4);
  const dst = arena.take(len * 4);
  ensureMemory(k.memory, arena.end);
  new Float32Array(k.memory.buffer, src, len).set(xs);
  if (which === 'exp') k.expArray(src, dst, len);
  else k.expm1Array(src, dst, len);
  return new Float32Array(k.memory.buffer, dst, xs.length).slice();
}

function maxRelError(
  xs: Float32Array,
  got: Float32Array,
  f: (x: number) => number,
): { err: number; at: number } {
  let err = 0;
  let at = NaN;
  for (let i = 0; i < xs.length; i++) {
    const want = f(xs[i]);
    const e = Math.abs(got[i] - want) / Math.abs(want);
    if (e > err) {
      err = e;
      at = xs[i];
    }
  }
  return { err, at };
}

/** Every float32 step of `step` across [lo, hi]. */
function grid(lo: number, hi: number, count: number): Float32Array {
  return Float32Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1));
}

describe('vectorized exp and expm1', () => {
  // A correctly rounded float32 result is within u = 2^−24 relative; the kernel is allowed 2u (≤ 1 ulp).
  const BOUND = 2 * U;

  it('e^x over [−87, 88] (normal results) is within 2u of Math.exp', async () => {
    const xs = grid(-87, 88, 400_001);
    const { err, at } = maxRelError(xs, await runExp('exp', xs), Math.exp);
    expect(err, `worst at x = ${at}`).toBeLessThanOrEqual(BOUND);
  });

  it('e^x − 1 over [−88, 88] is within 2u of Math.expm1', async () => {
    const xs = grid(-88, 88, 400_001);
    const { err, at } = maxRelError(xs, await runExp('expm1', xs), Math.expm1);
    expect(err, `worst at x = ${at}`).toBeLessThanOrEqual(BOUND);
  });

  it('e^x − 1 near 0 keeps full relative accuracy (ELU just left of zero), where e^x − 1 would not', async () => {
    const mags = Array.from({ length: 2000 }, (_, i) => 10 ** (-30 + (30 * i) / 1999));
    const xs = Float32Array.from([...mags, ...mags.map((v) => -v)]);
    const got = await runExp('expm1', xs);
    const { err, at } = maxRelError(xs, got, Math.expm1);
    expect(err, `worst at x = ${at}`).toBeLessThanOrEqual(BOUND);
    // The naive formula loses everything at 1e-9: e^x rounds to 1 in float32.
    expect(Math.fround(Math.fround(Math.exp(1e-9)) - 1)).toBe(0);
  });

  it('e^x in the denormal range is correct to a unit of the last denormal place; overflow and underflow', async () => {
    const xs = Float32Array.from([...grid(-103, -87.5, 10_000), -104, -1000, 88.5, 89, 1000]);
    const got = await runExp('exp', xs);
    for (let i = 0; i < 10_000; i++) {
      const want = Math.exp(xs[i]);
      expect(Math.abs(got[i] - want), `x = ${xs[i]}`).toBeLessThanOrEqual(2 ** -149 + BOUND * want);
      expect(got[i]).toBeGreaterThan(0);
    }
    expect(Array.from(got.slice(10_000))).toEqual([0, 0, Math.fround(Math.exp(88.5)), Infinity, Infinity]);
  });
});
