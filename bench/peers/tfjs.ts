/**
 * Peer: TensorFlow.js 4.22 on its WASM backend (XNNPACK), one thread (tfjs never uses threads in Node).
 * The step and GEMM themselves are in ./tfjs-model.ts (shared with the WebGPU peer of bench/gpu.ts): dense
 * layers via tf.customGrad with explicit tf.transpose (the fair path of issue 3).
 *
 * tfjs-core's Node bundle registers no gradients (the `@tensorflow/tfjs` umbrella package does that), and
 * its ESM `register_all_gradients.js` uses extensionless imports Node cannot load; so it is bundled once with
 * esbuild (already present through tsx and vite) into a temp file and imported. Registries and the engine are
 * global in tfjs, so the bundled copy registers into the same engine.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tfjsPrepareGemm, tfjsPrepareStep } from './tfjs-model';
import type { BenchEngine } from './types';

/** Registers tfjs-core's stock gradients (see the file comment). */
async function registerGradients(): Promise<void> {
  const require = createRequire(import.meta.url);
  const core = dirname(require.resolve('@tensorflow/tfjs-core/package.json'));
  const outfile = join(tmpdir(), `loz-tfjs-gradients-${process.pid}.mjs`);
  await build({
    entryPoints: [join(core, 'dist', 'register_all_gradients.js')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'error',
  });
  await import(pathToFileURL(outfile).href);
}

/** Initializes tfjs on the WASM backend with one thread. */
export async function tfjsEngine(): Promise<BenchEngine> {
  await registerGradients();
  setThreadsCount(1);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend did not initialize');
  await tf.ready();
  return { name: 'tfjs-wasm', prepareStep: tfjsPrepareStep, prepareGemm: tfjsPrepareGemm };
}
