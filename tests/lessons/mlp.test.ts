import { describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/engine/activations';
import { Rng } from '../../src/engine/random';
import { forward, mseBackward } from '../../src/lessons/models/mlp';
import type { Dense } from '../../src/lessons/models/mlp';
import { activationParams } from '../../src/lessons/models/params';

function layer(rng: Rng, fanIn: number, fanOut: number): Dense {
  const w = new Float64Array(fanIn * fanOut);
  const b = new Float64Array(fanOut);
  rng.fillNormal(w, 0, 1 / Math.sqrt(fanIn));
  rng.fillNormal(b, 0, 0.3);
  return { fanIn, fanOut, w, b };
}

describe('mseBackward', () => {
  it('matches central finite differences of the loss (relative 1e-6)', () => {
    const rng = new Rng(11, 999);
    const layers = [layer(rng, 3, 5), layer(rng, 5, 4), layer(rng, 4, 2)];
    const batch = 7;
    const x = rng.fillNormal(new Float64Array(batch * 3));
    const y = rng.fillNormal(new Float64Array(batch * 2));
    for (const act of ['elu', 'silu', 'selu'] as const) {
      const a = makeActivation(activationParams(act));
      const loss = (): number => mseBackward(layers, a, forward(layers, a, x, batch), y, batch).loss;
      const { grads } = mseBackward(layers, a, forward(layers, a, x, batch), y, batch);
      const eps = 1e-6;
      for (let l = 0; l < layers.length; l++)
        for (const [param, grad] of [
          [layers[l].w, grads[l].w],
          [layers[l].b, grads[l].b],
        ])
          for (let k = 0; k < param.length; k++) {
            const keep = param[k];
            param[k] = keep + eps;
            const up = loss();
            param[k] = keep - eps;
            const down = loss();
            param[k] = keep;
            const fd = (up - down) / (2 * eps);
            expect(Math.abs(grad[k] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
          }
    }
  });
});
