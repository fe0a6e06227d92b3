/** The theory Worker: mean-field predictions and diagrams, computed off the UI thread. */
/// <reference lib="webworker" />
import { phaseDiagram, seluField } from './diagrams';
import type { TheoryRequest, TheoryResponse } from './protocol';
import { theoryPrediction } from './report';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<TheoryRequest>) => {
  const request = event.data;
  let response: TheoryResponse;
  try {
    if (request.type === 'prediction')
      response = { id: request.id, type: 'prediction', prediction: theoryPrediction(request.experiment) };
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
