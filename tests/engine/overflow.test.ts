import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/engine/backend';
import { firstOverflow } from '../../src/engine/overflow';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import { experimentWith } from '../../src/state/schema';

describe('firstOverflow', () => {
  it('finds the layer where the variance of an exploding network passes float32’s range', async () => {
    // ReLU with σ_w = 10: the variance grows by σ_w²/2 = 50 per layer, from in_std² = 1e4, so
    // q_l = 1e4·100·50^(l−1) passes 3.4e38 at layer l where 50^(l−1) > 3.4e32, i.e. l = 21 (closed form).
    const e = experimentWith({
      act: 'relu',
      init: 'custom',
      sw: 10,
      depth: 30,
      width: 256,
      batch: 16,
      in_std: 100,
    });
    const result = await runExperiment(new ReferenceBackend(), e);
    const found = firstOverflow(result.layers);
    expect(found?.kind).toBe('overflow');
    expect(found?.key).toBe('preVar');
    expect(Math.abs(found!.layer - 21)).toBeLessThanOrEqual(1); // finite width: a factor of a few either way
  });

  it('reports NaN, and nothing for a healthy network', async () => {
    const healthy = await runExperiment(
      new ReferenceBackend(),
      experimentWith({ depth: 5, width: 16, batch: 4 }),
    );
    expect(firstOverflow(healthy.layers)).toBeNull();
    const broken = healthy.layers.map((l) => (l.layer === 3 ? { ...l, postMean: NaN } : l));
    expect(firstOverflow(broken)).toEqual({ layer: 3, key: 'postMean', kind: 'nan' });
  });
});
