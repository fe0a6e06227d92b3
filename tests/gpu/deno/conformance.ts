/**
 * Deno entry of the WebGPU conformance run on a second implementation: wgpu with the naga shader compiler
 * (as in Firefox), here on Mesa's lavapipe. Bundled by bundle.ts (Deno cannot import `?raw` WGSL), run by
 * deno.test.ts. Compiles every kernel module, then runs the shared cases (../cases.ts, data sets included:
 * statistics, then logits and accuracy) and the checkpoint cases (checkpointed against every layer kept, bit for
 * bit) with WebGpuBackend against the float64 ReferenceBackend, and prints one
 * line: REPORT_PREFIX + JSON of a DenoReport (report.ts). Its first argument, when given, is a JSON list of
 * more cases (the Backend conformance suite's data-set cases, shared-cases.ts, which only Node can import).
 * Exit status 0 when every check passed, 1 when some failed, 2 when the run itself failed.
 */
import { uncaptured } from './uncaptured';
import { WebGpuBackend } from '../../../src/gpu/backend';
import { createGpuContext } from '../../../src/gpu/device';
import { MATMUL_CORES } from '../../../src/gpu/kernels/kernel';
import { experimentWith } from '../../../src/state/schema';
import {
  GPU_CASES,
  GPU_CHECKPOINT_CASES,
  GPU_DATA_CASES,
  RTOL,
  checkpointProblems,
  referenceActivations,
  referenceRun,
  runCase,
  runCheckpointCase,
  type GpuCase,
  type GpuCheckpointCase,
} from '../cases';
import { compareCase } from '../compare';
import { compileMessages } from '../compile';
import { REPORT_PREFIX, problems, type DenoCaseResult, type DenoReport } from './report';

const message = (e: unknown): string => `${(e as Error).name}: ${(e as Error).message}`;

/** One case on `backend` (trained `train` steps, then measured, then logits() with a data set) against the reference. */
async function checkCase(
  backend: WebGpuBackend,
  { name, experiment, train, meaningful }: GpuCase,
): Promise<DenoCaseResult> {
  const exp = experimentWith(experiment);
  const start = performance.now();
  const errorsBefore = uncaptured.length;
  const ref = await referenceRun(exp, train);
  const out: DenoCaseResult = {
    name,
    matmul: null,
    maxError: NaN,
    worst: '',
    mismatches: [],
    warnings: [],
    uncapturedErrors: [],
    meaningful: meaningful ? meaningful(ref.results) : null,
    error: null,
    ms: 0,
  };
  try {
    const cmp = compareCase(exp, await runCase(backend, exp, train), ref, RTOL);
    Object.assign(out, { maxError: cmp.maxError, worst: cmp.worst, mismatches: cmp.mismatches });
    out.matmul = backend.adapter?.matmul ?? null;
    out.warnings = [...backend.compilationWarnings];
  } catch (e) {
    out.error = message(e);
  }
  out.uncapturedErrors = uncaptured.slice(errorsBefore);
  out.ms = performance.now() - start;
  return out;
}

/**
 * A checkpoint case on `backend`: with every layer kept and checkpointed (the same device), each against the
 * other bit for bit and the checkpointed run against the reference.
 */
async function checkCheckpointCase(backend: WebGpuBackend, c: GpuCheckpointCase): Promise<DenoCaseResult> {
  const exp = experimentWith(c.experiment);
  const start = performance.now();
  const errorsBefore = uncaptured.length;
  const [ref, refActivations] = [await referenceRun(exp, c.train), await referenceActivations(exp, c.train)];
  const out: DenoCaseResult = {
    name: c.name,
    matmul: null,
    maxError: NaN,
    worst: '',
    mismatches: [],
    warnings: [],
    uncapturedErrors: [],
    meaningful: c.meaningful ? c.meaningful(ref.results) : null,
    error: null,
    ms: 0,
  };
  try {
    const runs = await runCheckpointCase(backend, exp, c.train, c.segment);
    const cmp = compareCase(exp, runs.checkpointed.output, ref, RTOL);
    Object.assign(out, { maxError: cmp.maxError, worst: cmp.worst, mismatches: cmp.mismatches });
    const { problems: found, activationError } = checkpointProblems(c, exp, runs, refActivations);
    const msPerPass: [number, number] = [runs.full.msPerPass, runs.checkpointed.msPerPass];
    out.checkpoint = { problems: found, activationError, msPerPass };
    out.matmul = backend.adapter?.matmul ?? null;
    out.warnings = [...backend.compilationWarnings];
  } catch (e) {
    out.error = message(e);
  }
  out.uncapturedErrors = uncaptured.slice(errorsBefore);
  out.ms = performance.now() - start;
  return out;
}

async function main(extra: readonly GpuCase[]): Promise<DenoReport> {
  const start = performance.now();
  const ctx = await createGpuContext();
  const report: DenoReport = {
    adapter: ctx.adapterInfo,
    isFallbackAdapter: ctx.isFallbackAdapter,
    rtol: RTOL,
    compile: {},
    brokenShaderMessages: [],
    cases: [],
    ms: 0,
  };
  try {
    report.compile = await compileMessages(ctx.device);
    // In an error scope, so its validation error is not counted against the first case.
    ctx.device.pushErrorScope('validation');
    const broken = ctx.device.createShaderModule({ code: 'fn main() { let x: u32 = 1.5; }' });
    report.brokenShaderMessages = (await broken.getCompilationInfo()).messages.map((m) => m.type);
    await ctx.device.popErrorScope();
  } finally {
    ctx.device.destroy();
  }
  // Every case on both matmul cores (a run here takes about a second): each core's pipelines specialized
  // for every activation and shape go through naga's override processing and validation.
  const backends = MATMUL_CORES.map((matmul) => new WebGpuBackend({ matmul }));
  try {
    for (const c of [...GPU_CASES, ...GPU_DATA_CASES, ...extra]) {
      for (const backend of backends) report.cases.push(await checkCase(backend, c));
    }
    // The checkpoint cases on the first core only (what they check does not depend on it; Chromium runs them
    // on its default core, `subgroup` on SwiftShader).
    for (const c of GPU_CHECKPOINT_CASES) report.cases.push(await checkCheckpointCase(backends[0], c));
  } finally {
    for (const backend of backends) backend.dispose();
  }
  report.ms = performance.now() - start;
  return report;
}

const deno = (globalThis as { Deno?: { exit(code: number): never; args: string[] } }).Deno;
if (deno) {
  main(deno.args[0] ? (JSON.parse(deno.args[0]) as GpuCase[]) : []).then(
    (report) => {
      console.log(REPORT_PREFIX + JSON.stringify(report));
      deno.exit(problems(report).length === 0 ? 0 : 1);
    },
    (e) => {
      console.error(`conformance run failed: ${(e as Error).stack ?? message(e)}`);
      deno.exit(2);
    },
  );
}
