import { describe, expect, it } from 'vitest';
import { initWeights, makeInputs } from '../../src/engine/init';
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
