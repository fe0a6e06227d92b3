/**
 * The data-set cases of the Backend conformance suite (tests/engine/conformance.ts `dataConformanceCases`) as
 * WebGPU cases (cases.ts), so the WebGPU engine runs every case the other engines run. Node only: that module
 * imports vitest, which neither the Chromium test page nor the Deno bundle can load, so the Node side of each
 * run builds this list and hands the page, or the Deno entry (as an argument), plain data.
 */
import { caseLabel, conformanceExperiment, dataConformanceCases } from '../engine/conformance';
import type { GpuCase } from './cases';

/** A case as plain data (no `meaningful` callback): what crosses to the page or to Deno. */
export type PlainGpuCase = Omit<GpuCase, 'meaningful'>;

/** The suite's data-set cases: its full experiment, trained `steps` steps, then measured. */
export function sharedDataCases(): PlainGpuCase[] {
  return dataConformanceCases().map((partial) => {
    const experiment = conformanceExperiment(partial);
    return { name: `conformance ${caseLabel(partial)}`, experiment, train: experiment.steps };
  });
}
