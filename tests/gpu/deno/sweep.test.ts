/**
 * The WebGPU engine's batched measureMany (src/gpu/sweep/, issue 17) in Deno on Mesa's lavapipe: every case
 * of ../sweep-cases.ts (small grids over σ_w, σ_b, α, λ, slope, knob and the inputs; elu, relu, selu, hybrid,
 * leaky, silu; probe and mse; need 'forward', 'gradients' and 'all'; a mixed list with trained and data-set
 * cells; chunks under a small budget; `stopped`) equals the float64 reference's init + steps + measured pass of
 * each cell within the GPU conformance tolerance (../cases.ts RTOL), every cell reported once (only the first
 * chunk's when stopped), no validation errors. Bundled like deno.test.ts (Deno cannot import `?raw` WGSL).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RTOL } from '../cases';
import { SWEEP_CASES, SWEEP_PREFIX, type SweepReport } from '../sweep-cases';
import { bundleForDeno } from './bundle';
import { requireLavapipe, runDenoOnLavapipe } from './run';

const RUN_TIMEOUT_MS = 120_000;

let report: SweepReport | null = null;
let code: number | null = null;
let stderr = '';

beforeAll(async () => {
  requireLavapipe();
  const run = await runDenoOnLavapipe(await bundleForDeno('sweep-entry'), [], RUN_TIMEOUT_MS);
  ({ code, stderr } = run);
  const line = run.stdout.split('\n').find((l) => l.startsWith(SWEEP_PREFIX));
  if (line) report = JSON.parse(line.slice(SWEEP_PREFIX.length)) as SweepReport;
  console.log(`deno sweep: ${run.ms.toFixed(0)} ms (exit ${code}, ${report?.adapter})`);
}, RUN_TIMEOUT_MS + 60_000);

describe('WebGPU measureMany (batched sweep cells) in Deno on lavapipe', () => {
  it('runs and reports', () => {
    expect(report, `no report (exit ${code}):\n${stderr.slice(-4000)}`).not.toBeNull();
    expect(report!.rtol).toBe(RTOL);
  });

  it('equals the float64 reference cell by cell, for every case', () => {
    for (const c of report!.cases) {
      console.log(
        `${c.name} [${c.core}]: ${c.reported.length} cells, max error ` +
          `${c.maxError?.toExponential(2) ?? 'not finite'} (${c.worst}); ${c.ms.toFixed(0)} ms`,
      );
      expect(c.problems, `${c.name} [${c.core}]`).toEqual([]);
      expect(c.maxError, c.name).not.toBeNull();
      expect(c.maxError!).toBeLessThanOrEqual(RTOL);
    }
    // The default core (lavapipe: a fallback adapter) and the tiled core both ran.
    expect(new Set(report!.cases.map((c) => c.core)).has('tiled')).toBe(true);
    expect(code).toBe(0);
  });

  it('reports every cell once, and stops between chunks', () => {
    for (const c of report!.cases) {
      const spec = SWEEP_CASES.find((s) => s.name === c.name)!;
      const cells = spec.experiments.length;
      expect(new Set(c.reported).size, c.name).toBe(c.reported.length);
      if (spec.stopAfter === undefined)
        expect(
          [...c.reported].sort((a, b) => a - b),
          c.name,
        ).toEqual(Array.from({ length: cells }, (_, i) => i));
      else {
        expect(c.reported.length, c.name).toBeGreaterThanOrEqual(spec.stopAfter);
        expect(c.reported.length, c.name).toBeLessThan(cells);
      }
    }
  });
});
