/**
 * Dedicated Worker for the test page: runs the WebGPU engine off the main thread, as the app's engine
 * Worker will. Message in: { exp, train }; message out: { results } (the StepResult of each training step,
 * then of the measured pass) or { error }.
 */
import type { StepResult } from '../../../../src/engine/backend';
import type { Experiment } from '../../../../src/engine/experiment';
import { WebGpuBackend } from '../../../../src/gpu/backend';

self.onmessage = async (event: MessageEvent<{ exp: Experiment; train: number }>) => {
  const { exp, train } = event.data;
  const backend = new WebGpuBackend();
  try {
    await backend.init(exp);
    const results: StepResult[] = [];
    for (let i = 0; i < train; i++) results.push(await backend.step({ train: true }));
    results.push(await backend.step({ train: false }));
    self.postMessage({ results });
  } catch (e) {
    self.postMessage({ error: `${(e as Error).name}: ${(e as Error).message}` });
  } finally {
    backend.dispose();
  }
};
