/**
 * The WebGPU engine on a second WebGPU implementation: Deno's (wgpu with the naga shader compiler, as in
 * Firefox) on Mesa's lavapipe, a CPU Vulkan driver. Chromium's Tint accepts some WGSL that naga rejects;
 * this run catches it. Bundles conformance.ts with Vite, runs it in `deno` (the pinned devDependency) with
 * only lavapipe visible, and checks its report: every kernel compiles without messages, every shared case
 * (../cases.ts, and the Backend conformance suite's data-set cases, ../shared-cases.ts; data-set cases with
 * their logits and accuracies) on both matmul cores matches the float64 reference within RTOL, no validation
 * errors; and the activation-checkpointing cases (../cases.ts GPU_CHECKPOINT_CASES, tiled core): checkpointed
 * runs bit for bit equal to the same runs with every layer kept, and within RTOL of the reference.
 *
 * Its own vitest project (`deno`, `npm run test:deno`), not `unit`: it needs a system driver
 * (mesa-vulkan-drivers) and keeps a core busy for a minute or so (lavapipe compiling every pipeline, the data
 * sets' logits), which would skew the timing-sensitive unit tests running beside it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GPU_CASES, GPU_CHECKPOINT_CASES, GPU_DATA_CASES, KERNEL_KEYS, RTOL } from '../cases';
import { sharedDataCases } from '../shared-cases';
import { bundleForDeno } from './bundle';
import { requireLavapipe, runDenoOnLavapipe, type DenoRun } from './run';
import { REPORT_PREFIX, problems, type DenoReport } from './report';

// The data-set cases compile more pipelines (logits(), the read-out) and run more passes: about a minute
// on a busy 2-core machine, so the limit leaves room.
const RUN_TIMEOUT_MS = 240_000;

/** The Backend conformance suite's data-set cases, handed to the Deno entry as its argument. */
const SHARED = sharedDataCases();

let run: DenoRun;
let report: DenoReport | null = null;

beforeAll(async () => {
  requireLavapipe();
  const start = performance.now();
  const bundle = await bundleForDeno('conformance');
  const bundled = performance.now();
  run = await runDenoOnLavapipe(bundle, [JSON.stringify(SHARED)], RUN_TIMEOUT_MS);
  const line = run.stdout.split('\n').find((l) => l.startsWith(REPORT_PREFIX));
  if (line) report = JSON.parse(line.slice(REPORT_PREFIX.length)) as DenoReport;
  console.log(
    `deno: bundle ${(bundled - start).toFixed(0)} ms, run ${run.ms.toFixed(0)} ms ` +
      `(exit ${run.code}, adapter ${report?.adapter})`,
  );
}, RUN_TIMEOUT_MS + 30_000);

describe('WebGPU engine in Deno (wgpu + naga) on lavapipe', () => {
  it('runs and reports', () => {
    expect(report, `no report from deno (exit ${run.code}):\n${run.stderr.slice(-4000)}`).not.toBeNull();
    // lavapipe names itself after llvmpipe, its rasterizer; DENO_WEBGPU_BACKEND=vulkan rules out Mesa's GL.
    expect(report!.adapter).toMatch(/llvmpipe/);
  });

  it('compiles every kernel under naga without errors or warnings', () => {
    expect(Object.keys(report!.compile).sort()).toEqual(KERNEL_KEYS);
    for (const [key, messages] of Object.entries(report!.compile)) expect(messages, key).toEqual([]);
    // The check can fail: naga reports a type error in a deliberately broken module.
    expect(report!.brokenShaderMessages).toContain('error');
  });

  it('matches the float64 reference in every case, on both matmul cores', () => {
    const ran = report!.cases.map((c) => `${c.name} [${c.matmul}]`);
    const cases = [...GPU_CASES, ...GPU_DATA_CASES, ...SHARED];
    expect(ran).toEqual([
      ...cases.flatMap((c) => [`${c.name} [tiled]`, `${c.name} [direct]`]),
      ...GPU_CHECKPOINT_CASES.map((c) => `${c.name} [tiled]`),
    ]);
    for (const c of report!.cases) {
      const ck = c.checkpoint;
      const checkpoint = ck
        ? `; post-activations ${ck.activationError.toExponential(2)}; ms per pass: every layer kept ` +
          `${ck.msPerPass[0].toFixed(1)}, checkpointed ${ck.msPerPass[1].toFixed(1)}`
        : '';
      console.log(
        `${c.name} [${c.matmul}]: max error ${c.maxError?.toExponential(2) ?? 'not finite'} (${c.worst}); ` +
          `${c.ms.toFixed(0)} ms${checkpoint}`,
      );
    }
    expect(report!.rtol).toBe(RTOL);
    expect(problems(report!)).toEqual([]);
    // Every checkpoint case reported its checks (a case that threw has an error, listed above).
    for (const c of report!.cases.slice(-GPU_CHECKPOINT_CASES.length))
      expect(c.checkpoint, c.name).toBeDefined();
    expect(run.code).toBe(0);
  });
});
