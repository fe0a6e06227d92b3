/**
 * Deno entry of the measureMany check (sweep.test.ts): runs every case of ../sweep-cases.ts on WebGpuBackend
 * (the adapter's default matmul core, and the `tiled` core) against the float64 reference, and prints one line:
 * SWEEP_PREFIX + JSON of a SweepReport. Exit status 0 when it ran (the test judges the report), 2 when it failed.
 */
import { uncaptured } from './uncaptured';
import { WebGpuBackend } from '../../../src/gpu/backend';
import type { StepResult } from '../../../src/engine/backend';
import { RTOL } from '../cases';
import {
  SWEEP_CASES,
  SWEEP_PREFIX,
  caseExperiments,
  comparePass,
  referencePass,
  type SweepCase,
  type SweepCaseReport,
  type SweepReport,
} from '../sweep-cases';

/** One case on `backend` (shared between cases: its device keeps the compiled pipelines). */
async function runCase(backend: WebGpuBackend, c: SweepCase): Promise<SweepCaseReport> {
  const start = performance.now();
  const exps = caseExperiments(c);
  const out: SweepCaseReport = {
    name: c.name,
    core: null,
    reported: [],
    maxError: 0,
    worst: '',
    problems: [],
    ms: 0,
  };
  const before = uncaptured.length;
  try {
    const passes = new Map<number, StepResult>();
    await backend.measureMany!(exps, {
      need: c.need,
      stopped: () => c.stopAfter !== undefined && out.reported.length >= c.stopAfter,
      onPass: (i, pass) => {
        out.reported.push(i);
        passes.set(i, pass);
      },
    });
    for (const [i, pass] of passes) {
      const cmp = comparePass(exps[i], c.need, pass, await referencePass(exps[i]), RTOL);
      if (!(cmp.maxError <= (out.maxError ?? 0))) {
        out.maxError = Number.isFinite(cmp.maxError) ? cmp.maxError : null;
        out.worst = `cell ${i}: ${cmp.worst}`;
      }
      for (const m of cmp.mismatches)
        out.problems.push(`cell ${i} layer ${m.layer} ${m.field}: gpu ${m.gpu}, ref ${m.ref}`);
      for (const m of cmp.missing) out.problems.push(`cell ${i}: ${m} computed though not needed`);
    }
  } catch (e) {
    out.problems.push(`threw: ${(e as Error).stack ?? String(e)}`);
  }
  for (const e of uncaptured.slice(before)) out.problems.push(`uncaptured error: ${e}`);
  out.ms = performance.now() - start;
  return out;
}

/**
 * After measureMany the engine holds no experiment and init() works again: one ordinary run, which also
 * names the matmul core the backend uses. Problems (and shader compilation warnings, naga's) go to every case
 * that ran on it.
 */
async function checkAfter(backend: WebGpuBackend, cases: SweepCaseReport[]): Promise<void> {
  let problem: string | null = null;
  try {
    await backend.init(caseExperiments(SWEEP_CASES[0])[0]);
    await backend.step({ train: false });
  } catch (e) {
    problem = `init after measureMany threw: ${(e as Error).message}`;
  }
  const warnings = backend.compilationWarnings.map((w) => `compilation warning: ${w}`);
  for (const c of cases) {
    c.core = backend.adapter?.matmul ?? null;
    if (problem) c.problems.push(problem);
    c.problems.push(...warnings);
  }
  backend.dispose();
}

async function main(): Promise<SweepReport> {
  const adapter = await navigator.gpu.requestAdapter();
  const report: SweepReport = { adapter: adapter?.info.description ?? '', rtol: RTOL, cases: [] };
  // The adapter's default core (lavapipe: a fallback adapter), one backend per memory budget.
  const backends = new Map<number | undefined, { backend: WebGpuBackend; cases: SweepCaseReport[] }>();
  for (const c of SWEEP_CASES) {
    let entry = backends.get(c.budget);
    if (!entry) {
      entry = { backend: new WebGpuBackend({ memoryBudget: c.budget }), cases: [] };
      backends.set(c.budget, entry);
    }
    const result = await runCase(entry.backend, c);
    entry.cases.push(result);
    report.cases.push(result);
  }
  for (const { backend, cases } of backends.values()) await checkAfter(backend, cases);
  // The portable workgroup-tiled core too (hardware GPUs' default), on the case with every statistic.
  const tiled = new WebGpuBackend({ matmul: 'tiled' });
  const result = await runCase(tiled, SWEEP_CASES[1]);
  report.cases.push(result);
  await checkAfter(tiled, [result]);
  return report;
}

const deno = (globalThis as { Deno?: { exit(code: number): never } }).Deno;
if (deno) {
  main().then(
    (report) => {
      console.log(SWEEP_PREFIX + JSON.stringify(report));
      deno.exit(0);
    },
    (e) => {
      console.error(`sweep run failed: ${(e as Error).stack ?? String(e)}`);
      deno.exit(2);
    },
  );
}
