/**
 * The WebGPU engine in real headless Chromium (Debian's, SwiftShader adapter) against the float64
 * ReferenceBackend run here in Node: the shared conformance cases (tests/gpu/cases.ts: every activation, odd
 * sizes, bias on and off, both losses, training steps with the hybrid knob; every data set, with the logits
 * and accuracies of its training and test sets; tolerance reasoning there); shader compilation without
 * warnings; refusal of what does not fit; recovery from a forced device loss; activation checkpointing forced on
 * small networks (cases.ts GPU_CHECKPOINT_CASES: bit for bit the runs with every layer kept), its plan and its
 * cost per step.
 * The same cases run on a second WebGPU implementation (wgpu + naga in Deno) in tests/gpu/deno/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferenceBackend } from '../../../src/engine/reference/backend';
import type { Experiment } from '../../../src/engine/experiment';
import { experimentWith } from '../../../src/state/schema';
import type { MatmulCore } from '../../../src/gpu/kernels/kernel';
import type { GpuTestApi, PageRun } from './page/main';
import { compareCase } from '../../gpu/compare';
import {
  GPU_CASES,
  GPU_CHECKPOINT_CASES,
  GPU_DATA_CASES,
  KERNEL_KEYS,
  RTOL,
  checkpointProblems,
  referenceActivations,
  referenceRun,
  type GpuCase,
} from '../../gpu/cases';
import { sharedDataCases } from '../../gpu/shared-cases';
import { openGpuPage, type GpuPage } from './harness';

let gpu: GpuPage;
/** The core WebGpuBackend picks by itself on this adapter. */
let defaultCore: MatmulCore;
/** Whether this device can run the `subgroup` matmul core. */
let subgroupCore = false;

beforeAll(async () => {
  gpu = await openGpuPage();
  const cores = await gpu.page.evaluate(() => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.cores());
  defaultCore = cores.default;
  subgroupCore = cores.subgroup;
});

afterAll(async () => {
  await gpu?.close();
});

function onPage(
  exp: Experiment,
  train: GpuCase['train'],
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
    const subgroupKeys = ['backward/subgroup', 'forward/subgroup', 'linear/subgroup', 'weightgrad/subgroup'];
    expect(Object.keys(messages).sort()).toEqual(
      [...KERNEL_KEYS, ...(subgroupCore ? subgroupKeys : [])].sort(),
    );
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

  // The 17×33 shape of several cases (its pipelines are already compiled).
  const a = { width: 17, batch: 33, depth: 3 };
  // The first data-set case (its pipelines are compiled too): spiral, 2 → 3 × 3 → 2, batch 5.
  const spiral = GPU_DATA_CASES[0].experiment;

  // Every case on the adapter's default matmul core (`subgroup` on SwiftShader), some also on the others.
  const cases: GpuCase[] = [...GPU_CASES, ...GPU_DATA_CASES, ...sharedDataCases()];
  for (const { name, experiment, train, bothCores, meaningful } of cases) {
    const runs: (MatmulCore | undefined)[] = bothCores
      ? [undefined, 'tiled', 'direct', 'subgroup']
      : [undefined];
    for (const matmul of runs) {
      it(`matches the float64 reference: ${name}${matmul ? ` (${matmul} matmul)` : ''}`, async (ctx) => {
        // Forcing the core the adapter gets anyway would repeat the default run.
        if (matmul === defaultCore || (matmul === 'subgroup' && !subgroupCore)) ctx.skip();
        const exp = experimentWith(experiment);
        const [page, ref] = await Promise.all([onPage(exp, train, { matmul }), referenceRun(exp, train)]);
        const cmp = compareCase(exp, page, ref, RTOL);
        const scores = page.data ? `; accuracy ${page.data.accuracy}, test ${page.data.testAccuracy}` : '';
        console.log(
          `${name} [${page.matmul}]: max error ${cmp.maxError.toExponential(2)} (${cmp.worst}); ` +
            `${page.ms.toFixed(0)} ms${scores}`,
        );
        if (meaningful) expect(meaningful(ref.results), 'case exercises what it claims').toBe(true);
        expect(page.data === null).toBe(exp.data === 'none');
        expect(page.matmul).toBe(matmul ?? defaultCore);
        expect(cmp.mismatches).toEqual([]);
        expect(page.warnings).toEqual([]);
      });
    }
  }

  // Activation checkpointing forced on small networks (cases.ts): bit for bit the runs with every layer kept, on
  // the adapter's default core (Deno runs them on the tiled one).
  for (const c of GPU_CHECKPOINT_CASES.filter((c) => !c.denoOnly)) {
    it(`checkpoints activations: ${c.name}`, async () => {
      const exp = experimentWith(c.experiment);
      const [runs, ref, refActivations] = await Promise.all([
        gpu.page.evaluate(
          ([e, t, k]) => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.runCheckpointed(e, t, k),
          [exp, c.train, c.segment] as const,
        ),
        referenceRun(exp, c.train),
        referenceActivations(exp, c.train),
      ]);
      const cmp = compareCase(exp, runs.checkpointed.output, ref, RTOL);
      const { problems, activationError } = checkpointProblems(c, exp, runs, refActivations);
      console.log(
        `${c.name}: max error ${cmp.maxError.toExponential(2)} (${cmp.worst}); post-activations ` +
          `${activationError.toExponential(2)}; ms per pass: every layer kept ${runs.full.msPerPass.toFixed(1)}, ` +
          `checkpointed ${runs.checkpointed.msPerPass.toFixed(1)}`,
      );
      if (c.meaningful) expect(c.meaningful(ref.results), 'case exercises what it claims').toBe(true);
      expect(problems).toEqual([]);
      expect(cmp.mismatches).toEqual([]);
      expect(runs.warnings).toEqual([]);
    });
  }

  it('profiles a checkpointed step: the recomputed forward passes in the plan', async () => {
    // Depth 7 in segments of 3: layers 3 and 6 are checkpoints; layers 4, 5 and 1, 2 are run again.
    const exp = experimentWith({ ...a, depth: 7, act: 'elu' });
    const { profile, plain } = await gpu.page.evaluate(
      ([e, k]) => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.profile(e, k),
      [exp, 3] as const,
    );
    expect(profile.result).toEqual(plain);
    expect(profile.kernels.map((k) => [k.kernel, k.dispatches])).toEqual([
      ['forward', 7],
      ['loss', 1],
      ['backward', 6],
      ['weightgrad', 7],
      ['recompute', 4],
      ['finish', 1],
    ]);
  });

  it('times training steps checkpointed and with every layer kept (SwiftShader, a software adapter)', async () => {
    // Segments of 4: the 7 segments below the top one run their 3 ring layers again, 21 of 32 forward passes.
    const exp = experimentWith({ act: 'elu', depth: 32, width: 64, batch: 64, lr: 0.01 });
    const ms = await gpu.page.evaluate(
      ([e, k]) => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.stepTimes(e, k, 4, 3),
      [exp, 4] as const,
    );
    console.log(
      `depth 32 × width 64 × batch 64, best of 3 rounds of 4 training steps: ${ms.full.toFixed(1)} ms per ` +
        `step with every layer kept, ${ms.checkpointed.toFixed(1)} checkpointed every 4 layers`,
    );
    expect(ms.full).toBeGreaterThan(0);
    expect(ms.checkpointed).toBeGreaterThan(0);
  });

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

  it('streams a data set one step late too, each training step on the next minibatch', async () => {
    const exp = experimentWith(spiral);
    const streamed = await gpu.page.evaluate(
      (e) => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.runStreaming(e, 3),
      exp,
    );
    const exact = await onPage(exp, 3);
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

  it('profiles a data-set step: the read-out and its loss in the plan', async () => {
    const exp = experimentWith(spiral);
    const { profile, plain } = await gpu.page.evaluate(
      (e) => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.profile(e),
      exp,
    );
    expect(profile.result).toEqual(plain);
    // Backward and weightgrad once more than the hidden layers need: through the read-out and of its weights.
    expect(profile.kernels.map((k) => [k.kernel, k.dispatches])).toEqual([
      ['forward', 3],
      ['linear', 1],
      ['xent', 1],
      ['backward', 3],
      ['weightgrad', 4],
      ['finish', 1],
    ]);
  });

  it('refuses an experiment that does not fit, saying which limit', async () => {
    const api = (e: Experiment, budget?: number) =>
      gpu.page.evaluate(([x, b]) => (window as unknown as { gpuTest: GpuTestApi }).gpuTest.initError(x, b), [
        e,
        budget,
      ] as const);
    const big = await api(experimentWith({ width: 4096, batch: 8192, depth: 1000 }));
    expect(big).toMatch(/^GpuMemoryError: Does not fit this GPU \(depth 1000, width 4096, batch 8192\)/);
    const digits = await api(experimentWith({ data: 'digits', width: 4096, batch: 8192, depth: 1000 }));
    expect(digits).toMatch(
      /^GpuMemoryError: Does not fit this GPU \(depth 1000, width 4096, batch 8192, data digits\)/,
    );
    const budget = await api(experimentWith({ width: 64, batch: 64, depth: 4 }), 100_000);
    expect(budget).toMatch(
      /needs [\d.]+ MiB of GPU memory( \(activations checkpointed every \d+ layers\))?, above the budget of 0\.1 MiB/,
    );
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
    const exp = experimentWith({
      width: 17,
      batch: 33,
      depth: 3,
      act: 'hybrid',
      knob: 0.3,
      sb: 0.1,
      lr: 0.2,
    });
    // Lost after 2 of 3 training steps, on a fresh device; the clean run on the shared one.
    const lost = await onPage(exp, 3, { loseAfter: 2 });
    const clean = await onPage(exp, 3);
    expect(lost.recoveries).toBe(1);
    expect(lost.losses).toEqual([{ reason: 'destroyed', message: expect.any(String), recovered: true }]);
    // Recreated device, same kernels in the same order: the replayed run is bit-identical.
    expect(lost.results).toEqual(clean.results);
  });

  it('recovers from a device loss in a data-set experiment, replaying the same minibatches', async () => {
    const exp = experimentWith(spiral);
    const lost = await onPage(exp, 3, { loseAfter: 2 });
    const clean = await onPage(exp, 3);
    expect(lost.recoveries).toBe(1);
    expect(lost.results).toEqual(clean.results);
    expect(lost.data).toEqual(clean.data);
  });
});
