/**
 * What the Deno conformance entry (conformance.ts) prints, and the checks on it, shared by the entry (its exit
 * status) and deno.test.ts (its assertions). No WebGPU here: Node imports it.
 */
import type { MatmulCore } from '../../../src/gpu/kernels/kernel';
import type { Mismatch } from '../compare';

/** Marks the report line on stdout: REPORT_PREFIX + JSON of a DenoReport. */
export const REPORT_PREFIX = 'LOZ-DENO-REPORT ';

/** One case on one matmul core. */
export interface DenoCaseResult {
  name: string;
  /** The core that ran (each case runs on both); null if init failed. */
  matmul: MatmulCore | null;
  /** Largest |gpu − ref| / scale, and where. */
  /** (JSON has no Infinity or NaN: a failed check's infinite error, or a run that threw, arrives as null.) */
  maxError: number | null;
  worst: string;
  mismatches: Mismatch[];
  /** Compilation warnings collected by the engine's pipeline cache. */
  warnings: string[];
  /** Validation errors outside any error scope (`uncapturederror`) while the case ran. */
  uncapturedErrors: string[];
  /** The case's own check on the reference run (../cases.ts), or null when it has none. */
  meaningful: boolean | null;
  /** Thrown by the engine, if anything. */
  error: string | null;
  ms: number;
  /**
   * Checkpoint cases (../cases.ts GPU_CHECKPOINT_CASES): what checkpointProblems found, the largest
   * post-activation error against the reference, and the milliseconds per pass with every layer kept and
   * checkpointed.
   */
  checkpoint?: { problems: string[]; activationError: number; msPerPass: [number, number] };
}

/** Everything one run found. */
export interface DenoReport {
  adapter: string;
  isFallbackAdapter: boolean;
  rtol: number;
  /** Compilation messages of every kernel module (all types), by cache key. */
  compile: Record<string, string[]>;
  /** Message types of a deliberately broken module: proves this implementation reports what it rejects. */
  brokenShaderMessages: string[];
  cases: DenoCaseResult[];
  ms: number;
}

/** Every failed check of a report, one readable line each (empty when all passed). */
export function problems(r: DenoReport): string[] {
  const out: string[] = [];
  for (const [key, messages] of Object.entries(r.compile)) {
    for (const m of messages) out.push(`kernel ${key}: ${m}`);
  }
  if (!r.brokenShaderMessages.includes('error')) {
    out.push(`a broken shader compiled without an error (${JSON.stringify(r.brokenShaderMessages)})`);
  }
  for (const c of r.cases) {
    const at = `${c.name} [${c.matmul}]`;
    if (c.error !== null) out.push(`${at}: ${c.error}`);
    else if (!(c.maxError !== null && c.maxError <= r.rtol) && c.mismatches.length === 0) {
      out.push(`${at}: max error ${c.maxError} > ${r.rtol} (${c.worst})`);
    }
    for (const m of c.mismatches) {
      out.push(`${at}: step ${m.step} layer ${m.layer} ${m.field}: gpu ${m.gpu}, ref ${m.ref}`);
    }
    for (const w of c.warnings) out.push(`${at}: warning ${w}`);
    for (const e of c.uncapturedErrors) out.push(`${at}: uncaptured error ${e}`);
    for (const p of c.checkpoint?.problems ?? []) out.push(`${at}: ${p}`);
    if (c.meaningful === false) out.push(`${at}: the reference run does not exercise what the case claims`);
  }
  return out;
}
