/**
 * Forward statistics ahead of the whole pass: the WASM engine hands them out before its backward pass, and the
 * page draws the signal charts from the previous result with those statistics and the new experiment, keeping
 * the previous gradients until the pass finishes.
 */
import '../wasm/relaxed-simd';
import { describe, expect, it } from 'vitest';
import type { ForwardLayerStats } from '../../src/engine/experiment';
import { runExperiment } from '../../src/engine/backend';
import { experimentWith } from '../../src/state/schema';
import { withForward } from '../../src/ui/use-engine';
import { WasmBackend } from '../../src/wasm/backend';

const FORWARD_KEYS = ['layer', 'preMean', 'preVar', 'postMean', 'postVar', 'dead', 'saturated'] as const;

describe('forward statistics first', () => {
  it('the WASM engine reports exactly the forward fields of the pass, before the pass returns', async () => {
    const exp = experimentWith({ act: 'hybrid', knob: 0.3, depth: 4, width: 19, batch: 11, sb: 0.1 });
    const backend = new WasmBackend();
    await backend.init(exp);
    let early: ForwardLayerStats[] | null = null;
    const pass = await backend.step({
      train: false,
      onForward: (layers) => {
        early = layers;
      },
    });
    backend.dispose();
    expect(early).not.toBeNull();
    const picked = pass.layers.map((l) => Object.fromEntries(FORWARD_KEYS.map((k) => [k, l[k]])));
    expect(early).toEqual(picked);
  });

  it('withForward: new experiment and signal statistics, previous gradients; null when the depth changed', async () => {
    const before = experimentWith({ depth: 3, width: 8, batch: 4 });
    const after = { ...before, alpha: 0.3 };
    const backend = new WasmBackend();
    const previous = await runExperiment(backend, before);
    const next = await runExperiment(backend, after);
    backend.dispose();
    const forward = next.layers.map((l) => Object.fromEntries(FORWARD_KEYS.map((k) => [k, l[k]])));
    const shown = withForward(previous, after, forward as unknown as ForwardLayerStats[]);
    expect(shown?.experiment).toEqual(after);
    shown?.layers.forEach((layer, i) => {
      for (const k of FORWARD_KEYS) expect(layer[k]).toBe(next.layers[i][k]);
      expect(layer.gradNorm).toBe(previous.layers[i].gradNorm);
      expect(layer.weightGradNorm).toBe(previous.layers[i].weightGradNorm);
    });
    expect(withForward(previous, { ...after, depth: 4 }, [...forward, forward[0]] as never)).toBeNull();
  });
});
