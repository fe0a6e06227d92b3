import { describe, expect, it } from 'vitest';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import { WasmBackend } from '../../src/wasm/backend';
import { experimentWith } from '../../src/state/schema';

describe('WasmBackend.postActivations', () => {
  it('returns each layer’s h of the last pass, equal to the reference within float32 rounding', async () => {
    const e = experimentWith({ act: 'elu', depth: 4, width: 17, batch: 5, sb: 0.2, steps: 0 });
    const wasm = new WasmBackend();
    const ref = new ReferenceBackend();
    await wasm.init(e);
    await ref.init(e);
    await wasm.step({ train: true }); // the update must not touch the stored activations of the pass
    await ref.step({ train: true });
    for (let l = 1; l <= e.depth; l++) {
      const a = await wasm.postActivations(l);
      const b = await ref.postActivations(l);
      expect(a).toHaveLength(e.batch * e.width);
      // float32 inputs and products of 17 terms through ≤ 4 layers: relative error ≲ 1e-5 of the scale.
      const scale = Math.max(...b.map(Math.abs));
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5 * scale + 1e-6);
    }
    await expect(wasm.postActivations(0)).rejects.toThrow(RangeError);
    wasm.dispose();
  });
});
