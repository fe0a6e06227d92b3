import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/engine/experiment';
import { initWeights, makeInputs, orthonormalizeRows, sigmaW2, writeWeights } from '../../src/engine/init';
import { Rng, STREAM } from '../../src/engine/random';
import { experimentWith } from '../../src/state/schema';

describe('the draw cache', () => {
  it('returns equal values as independent copies, so training one engine cannot change another’s start', () => {
    const e = experimentWith({ width: 8, seed: 77 });
    const a = initWeights(e, 3);
    a.fill(0);
    const b = initWeights(e, 3);
    expect(b.some((v) => v !== 0)).toBe(true);
    expect(initWeights(e, 3)).toEqual(b);
    const x = makeInputs(e);
    x[0] = 123;
    expect(makeInputs(e)[0]).not.toBe(123);
  });

  it('keys on everything that determines a draw', () => {
    const e = experimentWith({ width: 8, seed: 5 });
    const w = initWeights(e, 1);
    expect(initWeights({ ...e, seed: 6 }, 1)).not.toEqual(w);
    expect(initWeights({ ...e, init: 'he' }, 1)).not.toEqual(w);
    expect(initWeights({ ...e, dist: 'uniform' }, 1)).not.toEqual(w);
    expect(initWeights({ ...e, init: 'custom', sw: 2 }, 1)).not.toEqual(
      initWeights({ ...e, init: 'custom', sw: 3 }, 1),
    );
    expect(initWeights({ ...e, act: 'relu', alpha: 3 }, 1)).toEqual(w);
    expect(makeInputs({ ...e, in_mean: 1 })).not.toEqual(makeInputs(e));
  });
});

describe('a cached draw scaled to another σ_w', () => {
  /** The weights as drawn before the cache kept unscaled draws: straight from the stream, at their scale. */
  function drawnDirectly(e: Experiment, layer: number): Float64Array {
    const n = e.width;
    const variance = sigmaW2(e.init, e.sw, n, n) / n;
    const rng = new Rng(e.seed, STREAM.weights, layer);
    const w = new Float64Array(n * n);
    if (e.dist === 'normal') rng.fillNormal(w, 0, Math.sqrt(variance));
    else if (e.dist === 'uniform')
      for (let i = 0; i < w.length; i++) w[i] = Math.sqrt(3 * variance) * (2 * rng.uniform() - 1);
    else {
      rng.fillNormal(w);
      orthonormalizeRows(w, n);
      for (let i = 0; i < w.length; i++) w[i] *= Math.sqrt(variance * n);
    }
    if (e.nonneg) for (let i = 0; i < w.length; i++) w[i] = Math.abs(w[i]);
    return w;
  }
  const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

  it('is the same to the bit as drawing at that scale, whichever σ_w filled the cache', () => {
    for (const dist of ['normal', 'uniform', 'orthogonal'] as const) {
      for (const nonneg of [0, 1]) {
        // σ_w = 1.3 first fills the cache; 0.7, 2 and LeCun's 1 then scale the cached draw.
        for (const [init, sw] of [
          ['custom', 1.3],
          ['custom', 0.7],
          ['custom', 2],
          ['lecun', 1],
        ] as const) {
          const e = experimentWith({ width: 12, seed: 31, dist, nonneg, init, sw });
          expect(bits(initWeights(e, 2)), `${dist} nonneg=${nonneg} ${init} sw=${sw}`).toEqual(
            bits(drawnDirectly(e, 2)),
          );
        }
      }
    }
  });
});

describe('weights written into an engine’s float32 memory', () => {
  it('are initWeights rounded to float32, for every distribution, nonneg and tied', () => {
    for (const dist of ['normal', 'uniform', 'orthogonal'] as const)
      for (const [nonneg, tied] of [
        [0, 0],
        [1, 0],
        [0, 1],
      ]) {
        const e = experimentWith({
          width: 9,
          depth: 3,
          seed: 4,
          dist,
          nonneg,
          tied,
          init: 'custom',
          sw: 1.7,
        });
        for (const layer of [1, 3]) {
          const out = writeWeights(e, layer, new Float32Array(81));
          expect(out, `${dist} nonneg=${nonneg} tied=${tied} layer ${layer}`).toEqual(
            Float32Array.from(initWeights(e, layer)),
          );
        }
      }
  });
});
