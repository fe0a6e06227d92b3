/**
 * The WebGPU engine in real headless Chromium (Debian's, SwiftShader adapter) against the float64
 * ReferenceBackend run here in Node: every activation, odd sizes (not multiples of the 64-wide tile or of the
 * vec4 width), bias on and off, both losses, training steps (hybrid knob included); shader compilation
 * without warnings; refusal of what does not fit; recovery from a forced device loss.
 *
 * Tolerance: RTOL = 2e-4 of each statistic's natural scale (compare.ts). Why: the GPU runs in float32
 * (unit roundoff u = 2⁻²⁴ ≈ 6e-8). Inputs and weights are rounded once (u), each dot product of K ≤ 130
 * terms adds at most ~K·u ≈ 8e-6 (typically √K·u), and the error compounds through ≤ 4 layers forward and
 * back and ≤ 3 SGD steps (on the weights and the knob); exp() on SwiftShader adds a few ulp. That bounds the
 * expected error near 1e-5 of scale; 2e-4 keeps a margin of ~10× over the worst error measured here (printed
 * by each test), while an indexing or formula bug gives errors of order 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferenceBackend } from '../../../src/engine/reference/backend';
import type { StepResult } from '../../../src/engine/backend';
import type { Experiment, LayerStats } from '../../../src/engine/experiment';
import { experimentWith } from '../../../src/state/schema';
import type { MatmulCore } from '../../../src/gpu/kernels/kernel';
import type { GpuTestApi, PageRun } from './page/main';
import { compareRuns } from './compare';
import { openGpuPage, type GpuPage } from './harness';

const RTOL = 2e-4;

let gpu: GpuPage;
/** The core WebGpuBackend picks by itself on this adapter. */
let defaultCore: MatmulCore;

beforeAll(async () => {
  gpu = await openGpuPage();
  const probe = await gpu.page.evaluate(() => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.probe());
  defaultCore = probe.isFallbackAdapter ? 'direct' : 'tiled';
});

afterAll(async () => {
  await gpu?.close();
});

async function reference(exp: Experiment, train: number): Promise<StepResult[]> {
  const ref = new ReferenceBackend();
  await ref.init(exp);
  const out: StepResult[] = [];
  for (let i = 0; i < train; i++) out.push(await ref.step({ train: true }));
  out.push(await ref.step({ train: false }));
  ref.dispose();
  return out;
}

function onPage(
  exp: Experiment,
  train: number,
  options: { loseAfter?: number; matmul?: MatmulCore } = {},
): Promise<PageRun> {
  return gpu.page.evaluate(
    ([e, t, o]) => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.run(e, t, o),
    [exp, train, options] as const,
  );
}

describe('WebGPU engine in headless Chromium', () => {
  it('finds an adapter (SwiftShader here) through probeWebGpu', async () => {
    const probe = await gpu.page.evaluate(() =>
      (window as unknown as { gpuTest: GpuTestApi }).gpuTest.probe(),
    );
    console.log('probeWebGpu:', JSON.stringify(probe));
    expect(probe.ok).toBe(true);
    expect(probe.reason).not.toBe('');
  });

  it('compiles every kernel without errors or warnings', async () => {
    const messages = await gpu.page.evaluate(() =>
      (window as unknown as { gpuTest: GpuTestApi }).gpuTest.compileAll(),
    );
    expect(Object.keys(messages).sort()).toEqual([
      'backward/direct',
      'backward/tiled',
      'bias',
      'finish',
      'forward/direct',
      'forward/tiled',
      'loss',
      'weightgrad/direct',
      'weightgrad/tiled',
    ]);
    for (const [name, list] of Object.entries(messages)) expect(list, name).toEqual([]);
  });

  it('reports a shader compilation error with the kernel name and line', async () => {
    const message = await gpu.page.evaluate(() =>
      (window as unknown as { gpuTest: GpuTestApi }).gpuTest.brokenKernelError(),
    );
    expect(message).toMatch(
      /^GpuError: WGSL kernel 'broken' failed to compile:\nbroken\.wgsl \(assembled\):3:\d+: error: /,
    );
    expect(message).toContain('let x: u32 = 1.5;');
  });

  // [name, experiment, training steps]. Widths and batches 1, 3, 5, 17, 33 (not multiples of the 64-wide
  // tile, nor of 4 for the vec4 loads) and 65/130 (more than one tile). Several share the 17×33 shape so
  // they share compiled pipelines (shapes are override constants).
  const a = { width: 17, batch: 33, depth: 3 };
  // The optional check asserts what makes a case meaningful (units really dead, k really moving).
  const someLayer = (ref: StepResult[], pred: (l: LayerStats) => boolean) =>
    expect(ref.at(-1)!.layers.some(pred), 'case exercises what it claims').toBe(true);
  const cases: [string, Partial<Experiment>, number, ((ref: StepResult[]) => void)?][] = [
    ['relu width 17 batch 33, mse', { ...a, act: 'relu', init: 'he', lr: 0.05 }, 2],
    ['elu width 17 batch 33, mse', { ...a, act: 'elu', lr: 0.1 }, 2],
    ['silu width 17 batch 33, probe', { ...a, act: 'silu', loss: 'probe', lr: 0.1 }, 2],
    [
      'hybrid width 17 batch 33, bias, k learns',
      { ...a, act: 'hybrid', knob: 0.5, sb: 0.2, lr: 0.2 },
      3,
      (ref) => someLayer(ref, (l) => Math.abs((l.knob ?? 0.5) - 0.5) > 0.05),
    ],
    [
      'leaky width 33 batch 17, bias, probe',
      { act: 'leaky', slope: 0.2, width: 33, batch: 17, depth: 3, sb: 0.5, loss: 'probe', lr: 0.1 },
      2,
    ],
    ['selu width 1 batch 1, bias', { act: 'selu', width: 1, batch: 1, depth: 2, sb: 0.3, lr: 0.1 }, 2],
    [
      'hybrid k=0 width 3 batch 5, probe (k clamped at 0)',
      { act: 'hybrid', knob: 0, width: 3, batch: 5, depth: 4, loss: 'probe', lr: 0.5 },
      2,
      (ref) => {
        someLayer(ref, (l) => l.knob === 0 && (l.knobGrad ?? 0) > 0);
        someLayer(ref, (l) => (l.knob ?? 0) > 0);
      },
    ],
    [
      'elu α=1.5 width 65 batch 130, shifted inputs',
      { act: 'elu', alpha: 1.5, width: 65, batch: 130, depth: 2, in_mean: 3, in_std: 0.5 },
      1,
      (ref) => someLayer(ref, (l) => l.saturated > 0 && l.saturated < 65),
    ],
    [
      'relu width 130 batch 65, large bias, dead units',
      { act: 'relu', width: 130, batch: 65, depth: 2, sb: 2, init: 'custom', sw: 0.3 },
      1,
      (ref) => someLayer(ref, (l) => l.dead > 0 && l.dead < 130),
    ],
  ];

  // Every case on the adapter's default matmul core (direct on SwiftShader), and these also on the other one.
  const bothCores = new Set([cases[0][0], cases[4][0], cases[6][0], cases[8][0]]);
  for (const [name, partial, train, meaningful] of cases) {
    const runs: (MatmulCore | undefined)[] = bothCores.has(name)
      ? [undefined, 'tiled', 'direct']
      : [undefined];
    for (const matmul of runs) {
      it(`matches the float64 reference: ${name}${matmul ? ` (${matmul} matmul)` : ''}`, async (ctx) => {
        // Forcing the core the adapter gets anyway would repeat the default run.
        if (matmul === defaultCore) ctx.skip();
        const exp = experimentWith(partial);
        const [page, ref] = await Promise.all([onPage(exp, train, { matmul }), reference(exp, train)]);
        const cmp = compareRuns(exp, page.results, ref, RTOL);
        console.log(
          `${name} [${page.matmul}]: max error ${cmp.maxError.toExponential(2)} (${cmp.worst}); ` +
            `${page.ms.toFixed(0)} ms`,
        );
        meaningful?.(ref);
        expect(page.matmul).toBe(matmul ?? defaultCore);
        expect(cmp.mismatches).toEqual([]);
        expect(page.warnings).toEqual([]);
      });
    }
  }

  it('streams statistics one step late, equal to the exact steps', async () => {
    const exp = experimentWith({ ...a, act: 'elu', lr: 0.1 });
    // Sequential: both use the page's shared backend.
    const streamed = await gpu.page.evaluate(
      (e) => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.runStreaming(e, 2),
      exp,
    );
    const exact = await onPage(exp, 2);
    expect(streamed[0]).toBeNull();
    expect(streamed.slice(1)).toEqual(exact.results);
  });

  it('runs in a dedicated Worker with the same results as on the main thread', async () => {
    const exp = experimentWith({ ...a, act: 'elu', lr: 0.1 });
    const inWorker = await gpu.page.evaluate(
      (e) => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.runInWorker(e, 2),
      exp,
    );
    const onMain = await onPage(exp, 2);
    expect(inWorker).toEqual(onMain.results);
  });

  it('profiles a step per kernel with timestamp queries, same statistics as a plain step', async () => {
    const exp = experimentWith({ ...a, act: 'elu' });
    const { profile, plain } = await gpu.page.evaluate(
      (e) => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.profile(e),
      exp,
    );
    expect(profile.result).toEqual(plain);
    expect(profile.kernels.map((k) => [k.kernel, k.dispatches])).toEqual([
      ['forward', 3],
      ['loss', 1],
      ['backward', 2],
      ['weightgrad', 3],
      ['finish', 1],
    ]);
    for (const k of profile.kernels) expect(k.ms).toBeGreaterThanOrEqual(0);
    console.log(
      'profile (SwiftShader, ms):',
      profile.kernels.map((k) => `${k.kernel} ${k.ms.toFixed(2)}`).join(', '),
    );
  });

  it('refuses an experiment that does not fit, saying which limit', async () => {
    const api = (e: Experiment, budget?: number) =>
      gpu.page.evaluate(([x, b]) => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.initError(x, b), [
        e,
        budget,
      ] as const);
    const big = await api(experimentWith({ width: 4096, batch: 8192, depth: 1000 }));
    expect(big).toMatch(/^GpuMemoryError: Does not fit this GPU \(depth 1000, width 4096, batch 8192\)/);
    const budget = await api(experimentWith({ width: 64, batch: 64, depth: 4 }), 100_000);
    expect(budget).toMatch(/needs [\d.]+ MiB of GPU memory, above the budget of 0\.1 MiB/);
    expect(await api(experimentWith({ width: 64, batch: 64, depth: 4 }))).toBe('');
  });

  it('reads back every layer’s activations of the last pass, equal to the reference', async () => {
    const exp = experimentWith({ act: 'elu', depth: 3, width: 5, batch: 3, sb: 0.2 });
    const got = await gpu.page.evaluate(
      (e) => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.postActivations(e),
      exp,
    );
    const ref = new ReferenceBackend();
    await ref.init(exp);
    await ref.step({ train: true });
    for (let l = 1; l <= exp.depth; l++) {
      const want = await ref.postActivations(l);
      expect(got[l - 1]).toHaveLength(exp.batch * exp.width); // row padding removed
      // float32 products of 5 terms through 3 layers: within 1e-5 of the layer's scale.
      const scale = Math.max(...want.map(Math.abs));
      got[l - 1].forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-5 * scale + 1e-6));
    }
  });

  it('recovers from a forced device loss and resumes the experiment', async () => {
    const exp = experimentWith({ ...a, act: 'hybrid', knob: 0.3, sb: 0.1, lr: 0.2 });
    // Lost after 2 of 3 training steps, on a fresh device; the clean run on the shared one.
    const lost = await onPage(exp, 3, { loseAfter: 2 });
    const clean = await onPage(exp, 3);
    expect(lost.recoveries).toBe(1);
    expect(lost.losses).toEqual([{ reason: 'destroyed', message: expect.any(String), recovered: true }]);
    // Recreated device, same kernels in the same order: the replayed run is bit-identical.
    expect(lost.results).toEqual(clean.results);
  });
});
