/**
 * The WebAssembly Rng.fillNormal (src/wasm/draws/index.ts, installed by src/wasm/draws.ts) against the
 * JavaScript loop of random.ts: the same doubles bit for bit (bytes of the Float64Arrays compared) and the same
 * generator state afterwards, for the default experiment's streams, random seeds/streams/lengths/means/stds,
 * fills split over several calls (the spare carried across), mixed sequences of draws, and crafted generator
 * states that drive log, sin and cos into their rare branches (near π/2, π, 3π/2, 2π, tiny θ, u near ½ and 1).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng, STREAM, setNormalFiller, type RngState } from '../../src/engine/random';
import { DEFAULT_EXPERIMENT } from '../../src/state';
import { DRAWS_CHUNK, createWasmNormalFiller, installWasmDraws } from '../../src/wasm/draws';

const wasmFiller = createWasmNormalFiller();
afterAll(() => void setNormalFiller(null));

type Path = 'js' | 'wasm';

/** Runs `body` with the JavaScript loop or the wasm filler behind Rng.fillNormal. */
function on<T>(path: Path, body: () => T): T {
  const previous = setNormalFiller(path === 'wasm' ? wasmFiller : null);
  try {
    return body();
  } finally {
    setNormalFiller(previous);
  }
}

function stateOf(rng: Rng): RngState {
  const { s0, s1, s2, s3, spare } = rng as unknown as RngState;
  return { s0, s1, s2, s3, spare };
}

/** Fails with the first differing index unless a and b hold the same bytes. */
function expectSameBits(a: Float64Array, b: Float64Array, what = ''): void {
  expect(a.length, what).toBe(b.length);
  const same = Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
  if (!same) {
    const i = a.findIndex((x, k) => !Object.is(x, b[k]));
    expect.fail(`${what}: first difference at ${i}: js ${a[i]} vs wasm ${b[i]}`);
  }
}

/** Draws `lengths` consecutive fills from one Rng on `path`; returns them and the final state. */
function fills(
  path: Path,
  make: () => Rng,
  lengths: number[],
  mean = 0,
  std = 1,
): { out: Float64Array[]; state: RngState } {
  return on(path, () => {
    const rng = make();
    const out = lengths.map((n) => rng.fillNormal(new Float64Array(n), mean, std));
    return { out, state: stateOf(rng) };
  });
}

function expectSameFills(make: () => Rng, lengths: number[], mean = 0, std = 1, what = ''): void {
  const js = fills('js', make, lengths, mean, std);
  const wasm = fills('wasm', make, lengths, mean, std);
  js.out.forEach((a, i) => expectSameBits(a, wasm.out[i]!, `${what} fill ${i}`));
  expect(wasm.state, what).toEqual(js.state);
}

describe('wasm fillNormal is bit-identical to the JavaScript loop', () => {
  it('for the default experiment: weights of layers 1–3, inputs and targets (seed 1)', () => {
    const exp = DEFAULT_EXPERIMENT;
    expect(exp.seed).toBe(1);
    const n = exp.width * exp.width;
    expect(n).toBe(65536);
    for (let layer = 1; layer <= 3; layer++) {
      expectSameFills(() => new Rng(1, STREAM.weights, layer), [n], 0, Math.sqrt(1 / exp.width), `W${layer}`);
    }
    const m = exp.batch * exp.width;
    expectSameFills(() => new Rng(1, STREAM.input), [m], exp.in_mean, exp.in_std, 'inputs');
    expectSameFills(() => new Rng(1, STREAM.target), [m], 0, 1, 'targets');
  });

  it('for chunk-boundary and odd lengths, in one fill and split over several (the spare carried over)', () => {
    for (const n of [1, 2, 3, 5, 255, DRAWS_CHUNK - 1, DRAWS_CHUNK, DRAWS_CHUNK + 1, 2 * DRAWS_CHUNK + 3]) {
      expectSameFills(() => new Rng(9, STREAM.bias, n), [n], 0, 1, `n=${n}`);
    }
    const make = (): Rng => new Rng(2024, STREAM.weights, 7);
    const splits = [1, 1, 3, 0, 2, 7, 65537, 1, 4];
    expectSameFills(make, splits, 0.5, 2, 'split');
    // The split fills, concatenated, are the single fill of the total length.
    const whole = fills('wasm', make, [splits.reduce((s, n) => s + n, 0)], 0.5, 2).out[0]!;
    const parts = fills('wasm', make, splits, 0.5, 2).out;
    const joined = new Float64Array(whole.length);
    let at = 0;
    for (const p of parts) joined.set(p, (at += p.length) - p.length);
    expectSameBits(joined, whole, 'split vs whole');
  });

  it('for random seeds, streams, indices, lengths, means and stds (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 70000 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.oneof(fc.constant(0), fc.constant(-0), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
        fc.oneof(fc.constant(1), fc.constant(0), fc.double({ min: -1e3, max: 1e3, noNaN: true })),
        (seed, stream, index, lengths, mean, std) => {
          expectSameFills(
            () => new Rng(seed, stream, index),
            lengths,
            mean,
            std,
            `${seed}/${stream}/${index}`,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('in a mixed sequence: uniform(), fillNormal, normal(), nextU32() give the same values and state', () => {
    const run = (path: Path): { values: number[]; fill: Float64Array; state: RngState } =>
      on(path, () => {
        const rng = new Rng(77, STREAM.input, 3);
        const values = [rng.uniform(), rng.normal()]; // leaves a spare for the fill
        const fill = rng.fillNormal(new Float64Array(1001), -3, 0.25); // odd: leaves a spare again
        values.push(rng.normal(), rng.normal(), rng.uniform(), rng.nextU32());
        return { values, fill, state: stateOf(rng) };
      });
    const js = run('js');
    const wasm = run('wasm');
    expectSameBits(js.fill, wasm.fill, 'mixed fill');
    expect(wasm.values).toEqual(js.values);
    expect(wasm.state).toEqual(js.state);
  });

  it('from crafted states that reach the rare branches of log, sin and cos', () => {
    // xoshiro128**'s output is f(s1) = rotl(s1·5, 7)·9, invertible: choosing s1 fixes the first uint32, and
    // s0 ^ s2 and s0 ^ s3 fix the second and third (the first 27 bits of the second uniform, enough to pin θ
    // = 2π·u to a high word); s0 is free and varies the rest.
    const inv = (a: number): number => {
      let x = a; // Newton's iteration for the inverse mod 2³² (a odd)
      for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(a, x));
      return x;
    };
    const fInv = (x: number): number => {
      const y = Math.imul(x, inv(9));
      return Math.imul((y >>> 7) | (y << 25), inv(5));
    };
    const craft = (hi1: number, lo1: number, hi2: number, free: number): Rng => {
      const rng = new Rng(0);
      const s = rng as unknown as RngState;
      const b = fInv((hi1 << 5) | (free & 31));
      const a = free;
      s.s0 = a;
      s.s1 = b;
      s.s2 = a ^ b ^ fInv(lo1 << 6); // the second uint32 is f(s1 ^ s2 ^ s0)
      s.s3 = a ^ (b << 9) ^ fInv(hi2 << 5); // the third is f((s1 << 9) ^ s0 ^ s3)
      s.spare = NaN;
      return rng;
    };
    const T27 = 2 ** 27;
    // First uniform (log): near 0, ¼, ½ from either side, near 1, and exactly 1 (hi·2²⁶ + lo = 2⁵³ − 1, and
    // + 0.5 rounds to even: 2⁵³; random.ts's "open interval" is closed there, with probability 2⁻⁵³).
    const u1s: [number, number][] = [
      [0, 0],
      [1, 5],
      [T27 / 4 - 1, 2 ** 26 - 1],
      [T27 / 4, 3],
      [T27 / 2 - 1, 2 ** 26 - 1],
      [T27 / 2, 0],
      [T27 - 2, 77],
      [T27 - 1, 77],
      [T27 - 1, 2 ** 26 - 1],
    ];
    // Second uniform (θ = 2πu): tiny, π/4, π/2, 3π/4, π, 5π/4, 3π/2, 7π/4, 2π, from either side.
    const hi2s: number[] = [0, 1, 2];
    for (let q = 1; q <= 8; q++) hi2s.push((q * T27) / 8 - 1, (q * T27) / 8, (q * T27) / 8 + 1);
    hi2s.splice(-2); // 2π + ε is past the last uniform
    const frees = [0x12345678, 0x9abcdef0 | 0, 0x0f0f0f0f, 0x7fffffff, 1];
    let checked = 0;
    for (const [hi1, lo1] of u1s) {
      for (const hi2 of hi2s) {
        for (const free of frees) {
          // The crafting works: the JavaScript generator draws the intended uniforms.
          const probe = craft(hi1, lo1, hi2, free);
          const u1 = probe.uniform();
          const u2 = probe.uniform();
          expect(u1).toBe((hi1 * 2 ** 26 + lo1 + 0.5) / 2 ** 53);
          expect(Math.floor(u2 * T27)).toBe(hi2);
          expectSameFills(() => craft(hi1, lo1, hi2, free), [1, 2], 0, 1, `u1 ${hi1}/${lo1}, θ ${hi2}`);
          checked++;
        }
      }
    }
    expect(checked).toBe(u1s.length * hi2s.length * frees.length);
  });
});

describe('installWasmDraws', () => {
  it('installs the filler: Rng.fillNormal then runs in wasm and still matches the JavaScript loop', () => {
    const js = on('js', () => new Rng(5, STREAM.weights, 2).fillNormal(new Float64Array(4097), 1, 3));
    const previous = setNormalFiller(null);
    try {
      expect(installWasmDraws()).toBe(true);
      const installed = setNormalFiller(null); // read back what was installed
      expect(installed).not.toBeNull();
      setNormalFiller(installed);
      expectSameBits(js, new Rng(5, STREAM.weights, 2).fillNormal(new Float64Array(4097), 1, 3), 'installed');
    } finally {
      setNormalFiller(previous);
    }
  });
});
