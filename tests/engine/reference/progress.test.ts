/**
 * Progress within a step on the reference engine (StepOptions.onProgress, issue 18 part 3): one call per
 * layer of the forward and of the backward pass, awaited; the same numbers as without; a throw abandons the
 * step before any update, and a fresh init then runs as on a new engine.
 */
import { describe, expect, it } from 'vitest';
import type { StepResult } from '../../../src/engine/backend';
import type { Experiment } from '../../../src/engine/experiment';
import { ReferenceBackend } from '../../../src/engine/reference/backend';
import { experimentWith } from '../../../src/state/schema';

const exp = experimentWith({ depth: 6, width: 12, batch: 10, act: 'selu', init: 'lecun', seed: 3 });
const spiral = experimentWith({ depth: 4, width: 10, batch: 16, data: 'spiral', act: 'elu', seed: 1 });

async function passes(b: ReferenceBackend, e: Experiment, progress: boolean): Promise<StepResult[]> {
  await b.init(e);
  const onProgress = progress ? () => new Promise<void>((resolve) => setTimeout(resolve, 0)) : undefined;
  const out: StepResult[] = [];
  for (let i = 0; i < 3; i++) out.push(await b.step({ train: true, onProgress }));
  out.push(await b.step({ train: false, onProgress }));
  return out;
}

describe('reference step progress', () => {
  it('calls onProgress once per layer and direction, done increasing up to total', async () => {
    const b = new ReferenceBackend();
    await b.init(spiral);
    const calls: number[][] = [];
    await b.step({ train: true, onProgress: (done, total) => void calls.push([done, total]) });
    const total = 2 * (spiral.depth + 1); // with the read-out
    expect(calls).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
  });

  it('gives the same numbers with and without it', async () => {
    expect(await passes(new ReferenceBackend(), exp, true)).toEqual(
      await passes(new ReferenceBackend(), exp, false),
    );
    expect(await passes(new ReferenceBackend(), spiral, true)).toEqual(
      await passes(new ReferenceBackend(), spiral, false),
    );
  });

  it('abandons the step on a throw; a fresh init then runs as on a new engine', async () => {
    const b = new ReferenceBackend();
    await b.init(exp);
    const stop = (done: number) => {
      if (done === 5) throw new Error('stop');
    };
    await expect(b.step({ train: true, onProgress: stop })).rejects.toThrow('stop');
    expect(await passes(b, exp, false)).toEqual(await passes(new ReferenceBackend(), exp, false));
  });
});
