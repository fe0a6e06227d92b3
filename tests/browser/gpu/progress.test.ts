/**
 * Progress within a WebGPU step (StepOptions.onProgress, issue 18 part 3) in headless Chromium: a big step
 * goes to the queue in pieces (src/gpu/step-plan.ts submitStep; forced small here with progressWork), each
 * submitted while the one before runs, onProgress awaited as each completes. The same dispatches in the same
 * order: the numbers are the same bits as one command buffer's; a throw from onProgress rejects the step with
 * it (not a device error), and a fresh init then runs as on a new engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentWith } from '../../../src/state/schema';
import { openGpuPage, type GpuPage } from './harness';

let gpu: GpuPage;
beforeAll(async () => {
  gpu = await openGpuPage();
}, 120_000);
afterAll(async () => {
  await gpu?.close();
});

const ROOT = new URL('../../..', import.meta.url).pathname.replace(/\/$/, '');

describe('WebGPU step progress', () => {
  it('reports matmuls done in pieces, gives the same bits, and stops on a throw', async () => {
    // Depth 7 in segments of 3: 7 forward, 6 backward, 7 weightgrad and 4 recomputed matmuls; 2 a piece.
    const exp = experimentWith({ depth: 7, width: 32, batch: 32, act: 'elu', lr: 0.05, seed: 4 });
    // A script string: vitest would rewrite a dynamic import() inside a function passed to evaluate.
    const script = `(async () => {
      const { WebGpuBackend } = await import('/@fs${ROOT}/src/gpu/backend.ts');
      const e = ${JSON.stringify(exp)};
      const run = async (b, onProgress) => {
        await b.init(e);
        const passes = [];
        for (let i = 0; i < 3; i++) passes.push(await b.step({ train: true, onProgress }));
        passes.push(await b.step({ train: false, onProgress }));
        return JSON.stringify(passes);
      };
      const plain = new WebGpuBackend({ checkpointSegment: 3 });
      const pieces = new WebGpuBackend({ checkpointSegment: 3, progressWork: 2 * e.batch * e.width * e.width });
      const calls = [];
      await pieces.init(e);
      await pieces.step({ train: true, onProgress: (d, t) => void calls.push([d, t]) });
      const want = await run(plain);
      const got = await run(pieces, () => new Promise((resolve) => setTimeout(resolve, 0)));
      await pieces.init(e);
      let stop = '';
      let count = 0;
      try {
        await pieces.step({ train: true, onProgress: () => { if (++count === 3) throw new Error('stop here'); } });
      } catch (error) {
        stop = error.constructor.name + ': ' + error.message;
      }
      const after = await run(pieces);
      plain.dispose();
      pieces.dispose();
      return { calls, same: got === want, stop, count, again: after === want };
    })()`;
    const seen = gpu.errors.length;
    const out = (await gpu.page.evaluate(script)) as {
      calls: number[][];
      same: boolean;
      stop: string;
      count: number;
      again: boolean;
    };
    expect(out.calls).toEqual(Array.from({ length: 12 }, (_, i) => [2 * (i + 1), 24]));
    expect(out.same).toBe(true);
    expect(out.stop).toBe('Error: stop here');
    expect(out.count).toBe(3);
    expect(out.again).toBe(true);
    expect(gpu.errors.slice(seen)).toEqual([]);
  }, 120_000);
});
