/**
 * The typed messages between the page and the engine Worker. Statistics are small (a few numbers per layer),
 * so they travel as structured clones.
 */
import type { BackendKind, KernelProfile } from './backend';
import type { Experiment, ForwardLayerStats, RunResult } from './experiment';
import type { ActivationHistograms } from './histogram';

/** Which engine the page asks for. */
export type EngineChoice = BackendKind | 'auto';

/** Page → Worker. Any newer request cancels an older run still in flight (stale work is dropped, not queued). */
export type WorkerRequest =
  | {
      readonly type: 'run';
      readonly id: number;
      readonly experiment: Experiment;
      /** Compared runs (`vs`), computed on the same engine as `experiment`, each on its own weights. */
      readonly compare: readonly Experiment[];
      readonly backend: EngineChoice;
      /** Keep training after the measured pass, posting a result every `reportMs` until cancelled. */
      readonly live: boolean;
      readonly reportMs: number;
      /**
       * Data-set runs: send what the weights make of the data with each update (TaskView: the decision boundary
       * of a 2-D set, the test predictions of the digits). The page asks for it; the console does not.
       */
      readonly views?: boolean;
    }
  | { readonly type: 'cancel'; readonly id: number }
  /** Per-kernel times of one pass on the engine of `backend` (its current experiment); never cancels a run. */
  | { readonly type: 'profile'; readonly id: number; readonly backend: EngineChoice };

/** The engine that runs, and why. */
export interface EngineInfo {
  readonly kind: BackendKind;
  /** One English sentence (window.loz.backend.reason). */
  readonly reason: string;
  /** The same story in parts, for the page to phrase in its language: engines passed over and why. */
  readonly fallbacks: ReadonlyArray<{ readonly kind: BackendKind; readonly reason: string }>;
  /** Why the reference runs instead (tied or non-negative weights trained), when that is the case. */
  readonly unsupported?: string;
  /** CPU threads the engine computes on, when more than one. */
  readonly threads?: number;
}

/** One training step's summary, for the loss and dead-unit curves. */
export interface TracePoint {
  /** SGD updates applied before this pass. */
  readonly step: number;
  readonly loss: number;
  /** Dead units summed over all layers. */
  readonly dead: number;
  /** Hybrid only: mean, smallest and largest k over the layers. */
  readonly knob?: { readonly mean: number; readonly min: number; readonly max: number };
  /**
   * Data sets, at the steps where the run was evaluated (the live refresh points, and during a long run's
   * training as time allows): the fraction of the training set and of the test set classified right by the
   * weights of this pass.
   */
  readonly accuracy?: number;
  readonly testAccuracy?: number;
}

/** Points of a 2-D data set in raw (unstandardised) coordinates: `x` row-major [count, 2], labels 0 or 1. */
export interface RawPoints {
  readonly x: Float64Array;
  readonly labels: Int32Array;
}

/**
 * A 2-D data set's decision boundary: the predicted probability of class 1 (softmax of the logits) over a grid
 * of raw coordinates covering the data with a margin, and the data's points to draw over it.
 */
export interface BoundaryView {
  readonly kind: 'boundary';
  /** SGD updates applied to the weights evaluated. */
  readonly step: number;
  /** The grid's coordinates, ascending: columns along the first feature (`x`), rows along the second (`y`). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** P(class 1) at each grid point, row-major [y.length, x.length]: p[r·x.length + c] is at (x[c], y[r]). */
  readonly p: Float32Array;
  readonly train: RawPoints;
  readonly test: RawPoints;
}

/** The digits' test set as the weights classify it. */
export interface DigitsView {
  readonly kind: 'digits';
  /** SGD updates applied to the weights evaluated. */
  readonly step: number;
  /** True and predicted class of every test image, in the test set's order (predicted −1: NaN outputs). */
  readonly labels: Int32Array;
  readonly predicted: Int32Array;
  /**
   * Pixels (counts 0..16) of the first test images, row-major [count, 64], each image 8×8 row-major; count is
   * images.length / 64.
   */
  readonly images: Uint8Array;
}

/** What a data-set run's weights make of its data, for the page's task panels. */
export type TaskView = BoundaryView | DigitsView;

/** A compared run's measured pass after the same number of steps, and its trace points since the last message. */
export interface ComparedUpdate {
  readonly result: RunResult;
  readonly trace: TracePoint[];
  /** The run's latest evaluation of its data set (views requested; it may be of an earlier step than result). */
  readonly task?: TaskView;
}

/** A measured pass: its statistics after `step` SGD updates, and the trace points since the previous message. */
export interface RunUpdate {
  readonly result: RunResult;
  /** The compared runs, in the request's order (empty without `vs`). */
  readonly compare: readonly ComparedUpdate[];
  readonly engine: EngineInfo;
  readonly step: number;
  readonly trace: TracePoint[];
  /**
   * The main run's latest evaluation of its data set, when views were requested (a live run evaluates at
   * refresh points as time allows, so it may be of an earlier step than `result`).
   */
  readonly task?: TaskView;
  /** False while a live run goes on. */
  readonly final: boolean;
  /** Post-activation histograms of every layer, when the engine can read activations back. */
  readonly histograms?: ActivationHistograms;
  /** The histograms of this pass follow in a second message (until then the page may keep older ones). */
  readonly histogramsFollow?: boolean;
  /**
   * The compared runs of this pass follow in a second message (`compare` is empty here): until then the page
   * keeps drawing the previous ones.
   */
  readonly compareFollows?: boolean;
}

/** Worker → page. */
export type WorkerResponse =
  | ({ readonly type: 'result'; readonly id: number } & RunUpdate)
  | {
      /**
       * A long run's progress: `done` of its `total` training steps; with `pass`, how far the pass under way
       * is (engine work units, StepOptions.onProgress), posted during passes that take seconds.
       */
      readonly type: 'progress';
      readonly id: number;
      readonly done: number;
      readonly total: number;
      readonly pass?: { readonly done: number; readonly total: number };
    }
  | {
      /** The measured pass's forward statistics, ahead of its full result (engines that offer them). */
      readonly type: 'forward';
      readonly id: number;
      readonly experiment: Experiment;
      readonly layers: ForwardLayerStats[];
      /**
       * The compared runs' results for this pass, when every one was already known (the Worker's cache): the
       * page then draws the whole view early, and the full update changes only the gradients.
       */
      readonly compare?: RunResult[];
    }
  | { readonly type: 'profile'; readonly id: number; readonly profile: KernelProfile }
  | { readonly type: 'cancelled'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
