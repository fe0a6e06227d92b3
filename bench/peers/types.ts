/** What the benchmark needs from an engine (ours or a peer). */
import type { StepWorkload } from '../workloads';

/**
 * A prepared workload: `run()` does one timed unit of work and resolves when its results are read back,
 * with one of them as a cross-check between engines (a step's loss; C[0, 0] of a GEMM).
 */
export interface Prepared {
  run(): Promise<number>;
  dispose(): void;
}

/** An engine under benchmark. */
export interface BenchEngine {
  /** Name printed in the JSON lines. */
  readonly name: string;
  /** One training step of the workload with every per-layer statistic read back. */
  prepareStep(w: StepWorkload): Promise<Prepared>;
  /** One float32 C = A·B of the given size, result read back (or left in engine memory if it owns it). */
  prepareGemm(m: number, n: number, k: number): Promise<Prepared>;
}
