/**
 * One product of a pass (or a part's rows of it): the epilogue's settings and a `gemm` call, as a flat list of
 * numbers so a list of them can be written into shared memory by the engine and read back by a thread
 * (src/wasm/shares.ts, threads.ts, thread-loop.ts). Every value is a byte offset, an int, or a float32/64: exact
 * in float64.
 */
import { MODE, type KernelExports } from './kernels';

/** Float64 slots of a job. */
export const JOB = {
  mode: 0,
  /** setActivation(code, alpha, lambda, slope, knob). */
  act: 1,
  /** The epilogue's setter (setForward: 7 args, setBackward and setWeight: 3). */
  set: 6,
  /** gemm(mode, m, n, k, a, lda, transA, b, ldb, transB, packedA, packedB, partial, tile). */
  gemm: 13,
  /** setBuffers(stats, stage). */
  buffers: 27,
  count: 29,
} as const;

/** Bytes of a job in memory. */
export const JOB_BYTES = JOB.count * 8;

/** Runs a job on kernel instance `k` (the engine's own share, or a thread's). */
export function runJob(k: KernelExports, job: Float64Array): void {
  const at = (slot: number) => job[slot];
  const mode = at(JOB.mode);
  k.setBuffers(at(JOB.buffers), at(JOB.buffers + 1));
  const s = JOB.set;
  if (mode === MODE.forward) {
    const a = JOB.act;
    k.setActivation(at(a), at(a + 1), at(a + 2), at(a + 3), at(a + 4));
    k.setForward(at(s), at(s + 1), at(s + 2), at(s + 3), at(s + 4), at(s + 5), at(s + 6));
  } else if (mode === MODE.backward) {
    k.setBackward(at(s), at(s + 1), at(s + 2));
  } else if (mode === MODE.weight) {
    k.setWeight(at(s), at(s + 1), at(s + 2));
  } else {
    throw new Error(`wasm engine: job mode ${mode} is not a layer product`);
  }
  const g = JOB.gemm;
  k.gemm(
    at(g),
    at(g + 1),
    at(g + 2),
    at(g + 3),
    at(g + 4),
    at(g + 5),
    at(g + 6),
    at(g + 7),
    at(g + 8),
    at(g + 9),
    at(g + 10),
    at(g + 11),
    at(g + 12),
    at(g + 13),
  );
}

/**
 * Runs the `count` jobs stored one after another from byte `at` of `memory` (a part's list in a pass, see
 * shares.ts), in order, calling `done` after each.
 */
export function runJobList(
  k: KernelExports,
  memory: ArrayBufferLike,
  at: number,
  count: number,
  done: () => void = () => {},
): void {
  for (let i = 0; i < count; i++) {
    runJob(k, new Float64Array(memory, at + i * JOB_BYTES, JOB.count));
    done();
  }
}
