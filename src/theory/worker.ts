/** The theory Worker: mean-field predictions and diagrams, computed off the UI thread. */
/// <reference lib="webworker" />
import { phaseDiagram, seluField } from './diagrams';
import type { TheoryRequest, TheoryResponse } from './protocol';
import { theoryPrediction, type TheoryPrediction } from './report';
import type { Experiment } from '../engine/experiment';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/**
 * Recent predictions by experiment: while a slider moves one run of a comparison, the runs that override the
 * moved key ask for the same prediction again.
 */
const recent = new Map<string, TheoryPrediction>();
const RECENT = 16;

function predictionOf(experiment: Experiment): TheoryPrediction {
  const key = JSON.stringify(experiment);
  let prediction = recent.get(key);
  if (prediction) recent.delete(key);
  else prediction = theoryPrediction(experiment);
  recent.set(key, prediction);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  return prediction;
}

scope.onmessage = (event: MessageEvent<TheoryRequest>) => {
  const request = event.data;
  let response: TheoryResponse;
  try {
    if (request.type === 'prediction')
      response = { id: request.id, type: 'prediction', prediction: predictionOf(request.experiment) };
    else if (request.type === 'predictions')
      response = { id: request.id, type: 'predictions', predictions: request.experiments.map(predictionOf) };
    else if (request.type === 'phase')
      response = { id: request.id, type: 'phase', phase: phaseDiagram(request.act) };
    else
      response = {
        id: request.id,
        type: 'selu',
        field: seluField(request.alpha, request.lambda, request.tau),
      };
  } catch (error) {
    response = {
      id: request.id,
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  scope.postMessage(response);
};
