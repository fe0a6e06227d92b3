/** This project's WASM-SIMD engine under the benchmark interface (WasmBackend for steps, raw GEMM kernel). */
import type { Backend } from '../src/engine/backend';
import { WasmBackend } from '../src/wasm/backend';
import { ensureMemory, instantiateKernels, MODE } from '../src/wasm/kernels';
import type { KernelVariant } from '../src/wasm/kernels';
import { Arena, gemmScratch, MR, NR } from '../src/wasm/layout';
import { spawnNodeThread } from '../src/wasm/spawn-node';
import type { BenchEngine, Prepared } from './peers/types';
import type { StepWorkload } from './workloads';
import { normalData, workloadExperiment } from './workloads';

/**
 * The engine with one kernel build; named `wasm` (relaxed SIMD) or `wasm-simd` (plain SIMD), or, with
 * `threads` kernel threads besides its own (worker_threads), `wasm-threads` (steps only).
 */
export function oursEngine(variant: KernelVariant, threads = 0): BenchEngine {
  return {
    name: threads > 0 ? 'wasm-threads' : variant === 'relaxed' ? 'wasm' : 'wasm-simd',
    async prepareStep(w: StepWorkload): Promise<Prepared> {
      const backend = new WasmBackend({
        variant,
        threads: threads > 0 ? { count: threads, spawn: spawnNodeThread } : undefined,
      });
      // Engines without logits() cannot run data sets (src/engine/backend.ts): say so rather than time
      // something else.
      if (w.data && !(backend as Backend).logits) {
        backend.dispose();
        throw new Error(`the wasm engine does not run data sets yet (no logits()): ${w.name} skipped`);
      }
      await backend.init(workloadExperiment(w));
      return {
        // step() returns every per-layer statistic as numbers: that is the read-back.
        run: async () => (await backend.step({ train: true })).loss,
        dispose: () => backend.dispose(),
      };
    },
    async prepareGemm(m: number, n: number, k: number): Promise<Prepared> {
      const kx = await instantiateKernels(variant);
      const arena = new Arena(kx.heapBase());
      const a = arena.take(m * k * 4);
      const b = arena.take(k * n * 4);
      const c = arena.take(m * n * 4);
      const s = gemmScratch(m, n, k, kx);
      const pa = arena.take(s.a);
      const pb = arena.take(s.b);
      const partial = arena.take(s.partial);
      const tile = arena.take(MR * NR * 4);
      const stage = arena.take(3 * MR * NR * 4);
      const stats = arena.take(128);
      ensureMemory(kx.memory, arena.end);
      new Float32Array(kx.memory.buffer, a, m * k).set(normalData(m * k, 1));
      new Float32Array(kx.memory.buffer, b, k * n).set(normalData(k * n, 2));
      kx.setBuffers(stats, stage);
      return {
        async run() {
          kx.setStore(c, n);
          kx.gemm(MODE.store, m, n, k, a, k, 0, b, n, 0, pa, pb, partial, tile);
          return new Float32Array(kx.memory.buffer, c, m * n).slice()[0];
        },
        dispose() {},
      };
    },
  };
}
