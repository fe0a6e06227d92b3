/** Messages between the page and the theory Worker (quadrature for SiLU and the phase grid take a while). */
import type { ActivationParams } from '../engine/activations';
import type { Experiment } from '../engine/experiment';
import type { PhaseDiagram, SeluField } from './diagrams';
import type { TheoryPrediction } from './report';

/** What the page asks for. */
export type TheoryRequest =
  | { readonly type: 'prediction'; readonly id: number; readonly experiment: Experiment }
  /** The prediction of every run of a view (the main run and its compared runs), in order. */
  | { readonly type: 'predictions'; readonly id: number; readonly experiments: readonly Experiment[] }
  | { readonly type: 'phase'; readonly id: number; readonly act: ActivationParams }
  | {
      readonly type: 'selu';
      readonly id: number;
      readonly alpha: number;
      readonly lambda: number;
      readonly tau: number;
    };

/** What the Worker answers, by the request's id. */
export type TheoryResponse =
  | { readonly id: number; readonly type: 'prediction'; readonly prediction: TheoryPrediction }
  | { readonly id: number; readonly type: 'predictions'; readonly predictions: TheoryPrediction[] }
  | { readonly id: number; readonly type: 'phase'; readonly phase: PhaseDiagram }
  | { readonly id: number; readonly type: 'selu'; readonly field: SeluField }
  | { readonly id: number; readonly type: 'error'; readonly message: string };
