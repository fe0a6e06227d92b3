/**
 * The WebGPU engine's batched measureMany (src/gpu/sweep/) in headless Chromium on SwiftShader, whose default
 * matmul core (`subgroup`, tiles of 32 rows) Deno's lavapipe cannot run: two cases of tests/gpu/sweep-cases.ts
 * (an elu probe grid with gradients, a relu mse grid with every statistic), each cell against the float64
 * reference's own run here in Node at the conformance tolerance. The engine is imported into the test page
 * from the served sources (Vite's /@fs/ path), so the page needs nothing of its own for it.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepResult } from '../../../src/engine/backend';
import { RTOL } from '../../gpu/cases';
import { SWEEP_CASES, caseExperiments, comparePass, referencePass } from '../../gpu/sweep-cases';
import { openGpuPage, type GpuPage } from './harness';

const BACKEND = fileURLToPath(new URL('../../../src/gpu/backend.ts', import.meta.url));

let gpu: GpuPage;

beforeAll(async () => {
  gpu = await openGpuPage();
});

afterAll(async () => {
  await gpu?.close();
});

/** measureMany on the page (a string, so the test runner's transforms leave its dynamic import alone). */
function measureOnPage(
  experiments: unknown[],
  need: string,
): Promise<{ passes: StepResult[]; core: string | null }> {
  const args = JSON.stringify({ url: `/@fs${BACKEND}`, experiments, need });
  return gpu.page.evaluate(`(async () => {
    const { url, experiments, need } = ${args};
    const { WebGpuBackend } = await import(url);
    const backend = new WebGpuBackend();
    const passes = [];
    try {
      await backend.measureMany(experiments, { need, onPass: (i, pass) => { passes[i] = pass; } });
      await backend.init(experiments[0]);
      await backend.step({ train: false });
      return { passes, core: backend.adapter ? backend.adapter.matmul : null };
    } finally {
      backend.dispose();
    }
  })()`);
}

describe('WebGPU measureMany in headless Chromium', () => {
  for (const c of SWEEP_CASES.slice(0, 2)) {
    it(`equals the float64 reference cell by cell: ${c.name}`, async () => {
      const exps = caseExperiments(c);
      const { passes, core } = await measureOnPage(exps, c.need);
      expect(passes.length).toBe(exps.length);
      let worst = 0;
      for (const [i, pass] of passes.entries()) {
        const cmp = comparePass(exps[i], c.need, pass, await referencePass(exps[i]), RTOL);
        expect(cmp.mismatches, `cell ${i}`).toEqual([]);
        expect(cmp.missing, `cell ${i}`).toEqual([]);
        worst = Math.max(worst, cmp.maxError);
      }
      console.log(`${c.name} [${core}]: max error ${worst.toExponential(2)}`);
      // (The page's missing favicon is a 404 on the console: not an engine error.)
      expect(gpu.errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
    });
  }
});
