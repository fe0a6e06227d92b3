/**
 * The Worker's progress within a pass (src/engine/run-progress.ts): no callback for small passes (the default
 * experiment pays nothing); for big ones, a message with the pass's progress at most every PROGRESS_MS, a
 * yield to the event loop at most every YIELD_MS, and after each yield the run's stop check, whose throw
 * rejects the callback (and so abandons the engine's step).
 */
import { describe, expect, it } from 'vitest';
import { PROGRESS_MS, RunProgress, YIELD_MS } from '../../src/engine/run-progress';
import { experimentWith } from '../../src/state/schema';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RunProgress', () => {
  it('gives small passes no callback, big ones one', () => {
    const progress = new RunProgress(
      1,
      0,
      () => {},
      () => {},
    );
    expect(progress.within(experimentWith({}))).toBeUndefined();
    expect(progress.within(experimentWith({ depth: 300, width: 1024, batch: 1024 }))).toBeTypeOf('function');
  });

  it('posts the pass at most every PROGRESS_MS, yields at most every YIELD_MS, then checks for a stop', async () => {
    const posted: unknown[] = [];
    let checks = 0;
    let superseded = false;
    const progress = new RunProgress(
      7,
      4,
      (m) => posted.push(m),
      () => {
        checks++;
        if (superseded) throw new Error('cancelled');
      },
    );
    progress.step();
    const onProgress = progress.within(experimentWith({ depth: 100, width: 1024, batch: 1024 }))!;
    await onProgress(1, 10);
    expect([posted.length, checks]).toEqual([0, 0]);
    await sleep(YIELD_MS + 10);
    await onProgress(2, 10);
    expect(checks).toBe(1);
    await sleep(PROGRESS_MS);
    await onProgress(3, 10);
    expect(posted.at(-1)).toEqual({
      type: 'progress',
      id: 7,
      done: 1,
      total: 4,
      pass: { done: 3, total: 10 },
    });
    expect(posted.length).toBeLessThanOrEqual(2);
    superseded = true;
    await sleep(YIELD_MS + 10);
    await expect(onProgress(4, 10)).rejects.toThrow('cancelled');
  });
});
