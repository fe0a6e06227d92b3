/**
 * The conformance suite run against the reference engine itself (sanity: the plumbing works and the reference
 * is deterministic, tolerance 0), against a reference whose parameters and data are stored in float32 (the
 * suite's experiments must be well conditioned: float32 storage error alone stays far inside the tolerance
 * the float32 engines are held to), and a check that the comparison rejects a subtly wrong engine.
 */
import { describe, expect, it } from 'vitest';
import type { Backend, StepResult } from '../../../src/engine/backend';
import type { Experiment } from '../../../src/engine/experiment';
import { makeInputs, makeTargets } from '../../../src/engine/init';
import { ReferenceBackend } from '../../../src/engine/reference/backend';
import { createNetwork, createPass } from '../../../src/engine/reference/network';
import type { Network, Pass } from '../../../src/engine/reference/network';
import { backward, forward, lossAndGrad, sgdUpdate } from '../../../src/engine/reference/propagate';
import { layerStats } from '../../../src/engine/reference/stats';
import { experimentWith } from '../../../src/state/schema';
import {
  conformanceCases,
  conformanceExperiment,
  describeConformance,
  expectStatsMatch,
  referenceRun,
} from '../conformance';

const toF32 = (a: Float64Array): Float64Array => a.map(Math.fround);

/** The reference pipeline with every stored parameter, input and target rounded to float32. */
class Float32StorageBackend implements Backend {
  readonly kind = 'reference' as const;
  private s: { net: Network; x: Float64Array; y: Float64Array; pass: Pass } | null = null;
  /** Multiplies every reported preVar (to simulate a wrong engine). */
  constructor(private readonly preVarFactor = 1) {}

  async init(exp: Experiment): Promise<void> {
    const net = createNetwork(exp);
    this.round(net);
    const pass = createPass(exp.batch, net.widths);
    this.s = { net, x: toF32(makeInputs(exp)), y: toF32(makeTargets(exp)), pass };
  }

  private round(net: Network): void {
    for (const w of net.weights) w.set(toF32(w));
    for (const b of net.biases ?? []) b.set(toF32(b));
    net.knobs.set(toF32(net.knobs));
  }

  async step({ train }: { train: boolean }): Promise<StepResult> {
    if (!this.s) throw new Error('init first');
    const { net, x, y, pass } = this.s;
    forward(net, x, pass);
    const loss = lossAndGrad(
      net.exp.loss,
      pass.h[net.layers],
      y,
      pass.g[net.layers],
      pass.batch,
      net.widths[net.layers],
    );
    backward(net, pass);
    const layers = layerStats(net, pass).map((s) => ({ ...s, preVar: s.preVar * this.preVarFactor }));
    if (train) {
      sgdUpdate(net, pass, net.exp.lr);
      this.round(net);
    }
    return { layers, loss };
  }

  dispose(): void {
    this.s = null;
  }
}

describeConformance('reference', () => new ReferenceBackend(), { rel: 0, abs: 0 });

// Ten times stricter than the tolerance float32 engines get ({ rel: 1e-3, abs: 1e-5 }).
describeConformance('reference with float32 storage', () => new Float32StorageBackend(), {
  rel: 1e-4,
  abs: 1e-6,
});

describe('the conformance comparison', () => {
  it('rejects an engine whose pre-activation variance is off by 1e-3 relative', async () => {
    const exp = experimentWith({ depth: 3, width: 17, batch: 5, act: 'selu' });
    const want = await referenceRun(exp);
    const wrong = new Float32StorageBackend(1 + 1e-3);
    await wrong.init(exp);
    const got = await wrong.step({ train: false });
    expect(() => expectStatsMatch(got.layers, got.loss, want, exp, { rel: 1e-4, abs: 1e-6 })).toThrow(
      /preVar/,
    );
  });

  it('covers every activation, init × dist, the odd widths and batches, bias on/off and training', () => {
    const cases = conformanceCases().map(conformanceExperiment);
    const seen = (f: (e: Experiment) => string): Set<string> => new Set(cases.map(f));
    expect(seen((e) => e.act).size).toBe(6);
    expect(seen((e) => `${e.init}/${e.dist}`).size).toBe(12);
    for (const w of ['1', '3', '17', '33']) expect(seen((e) => String(e.width)).has(w)).toBe(true);
    expect(seen((e) => String(e.sb > 0)).size).toBe(2);
    expect(seen((e) => e.loss).size).toBe(2);
    expect(cases.some((e) => e.act === 'hybrid' && e.steps > 0)).toBe(true);
  });
});
