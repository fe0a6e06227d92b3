/**
 * Weight, bias, input and target initialization (EXPERIMENT.md): all on the CPU in float64, from the seeded
 * streams of random.ts, so every backend uploads the same numbers.
 *
 * Layout: W_l is row-major [fan_in, fan_out] (z = h·W), inputs and targets are row-major [batch, width].
 */
import { fanIn, networkShape } from './data/shape';
import type { Experiment, InitScheme, WeightDist } from './experiment';
import { Rng, STREAM } from './random';

/** σ_w² of a scheme: weights have variance σ_w²/fan_in. */
export function sigmaW2(init: InitScheme, sw: number, fanIn: number, fanOut: number): number {
  switch (init) {
    case 'he':
      return 2;
    case 'lecun':
      return 1;
    case 'xavier':
      return (2 * fanIn) / (fanIn + fanOut);
    case 'custom':
      return sw * sw;
  }
}

/**
 * Recently drawn arrays, keyed by everything that determines them. Moving α, the activation, the loss or the
 * learning rate redraws nothing: the playground re-runs with the same weights at once. Callers get copies
 * (engines train their weights in place), and the cache holds at most CACHE_BYTES.
 */
const CACHE_BYTES = 96 * 2 ** 20;
const cache = new Map<string, Float64Array>();
let cachedBytes = 0;

function cached(key: string, draw: () => Float64Array): Float64Array {
  return cachedShared(key, draw).slice();
}

/** The cached array itself, not a copy: for callers that only read it. */
function cachedShared(key: string, draw: () => Float64Array): Float64Array {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // re-insert: Map order is recency order
    cache.set(key, hit);
    return hit;
  }
  const value = draw();
  if (value.byteLength <= CACHE_BYTES / 4) {
    cache.set(key, value);
    cachedBytes += value.byteLength;
    for (const [oldKey, old] of cache) {
      if (cachedBytes <= CACHE_BYTES) break;
      cache.delete(oldKey);
      cachedBytes -= old.byteLength;
    }
  }
  return value;
}

/**
 * Weights of hidden layer `layer` (1-based): Float64Array of fan_in·width, row-major [fan_in, width], where
 * fan_in is the data's features for layer 1 of a data-set experiment and `width` otherwise.
 */
export function initWeights(exp: Experiment, layer: number): Float64Array {
  const rows = fanIn(networkShape(exp), exp.tied ? 1 : layer);
  return writeWeights(exp, layer, new Float64Array(rows * exp.width));
}

/**
 * initWeights(exp, layer) written into `out` (fan_in·width entries; a Float32Array rounds each, as `set()` of the
 * float64 weights would), without an array of its own: engines upload a sweep's cells this way.
 */
export function writeWeights<T extends Float32Array | Float64Array>(
  exp: Experiment,
  layer: number,
  out: T,
): T {
  const drawn = exp.tied ? 1 : layer; // tied: every layer starts from layer 1's draw
  const rows = fanIn(networkShape(exp), drawn);
  // The draw before its scale is cached, so experiments that differ only in σ_w (a sweep over sw, moving the
  // scheme) share it; scaling it afterwards computes exactly what drawing at that scale computes.
  const unit = cachedShared(`w|${exp.seed}|${rows}|${exp.width}|${exp.dist}|${drawn}`, () =>
    drawUnitMatrix(new Rng(exp.seed, STREAM.weights, drawn), exp.dist, rows, exp.width),
  );
  const variance = sigmaW2(exp.init, exp.sw, rows, exp.width) / rows;
  scaleUnitMatrix(unit, out, exp.dist, rows, exp.width, variance);
  if (exp.nonneg) for (let i = 0; i < out.length; i++) out[i] = Math.abs(out[i]);
  return out;
}

/**
 * Data sets: the linear read-out's weights, Float64Array of width·classes, row-major [width, classes], with
 * variance 1/width (σ² = 1, whatever the hidden layers' scheme: no activation follows) in the experiment's
 * distribution, from stream (seed, STREAM.readout, 0); |W| with `nonneg`. Its bias starts at 0.
 */
export function initReadout(exp: Experiment): Float64Array {
  const { width, outputs } = networkShape(exp);
  const w = drawMatrix(new Rng(exp.seed, STREAM.readout, 0), exp.dist, width, outputs, 1 / width);
  if (exp.nonneg) for (let i = 0; i < w.length; i++) w[i] = Math.abs(w[i]);
  return w;
}

/** A [rows, cols] matrix of i.i.d.-variance `variance` entries drawn from `rng` in distribution `dist`. */
function drawMatrix(rng: Rng, dist: WeightDist, rows: number, cols: number, variance: number): Float64Array {
  const unit = drawUnitMatrix(rng, dist, rows, cols);
  return scaleUnitMatrix(unit, unit, dist, rows, cols, variance);
}

/**
 * The draw of a [rows, cols] matrix before its scale: standard normals (normal), 2u − 1 with u ~ U(0, 1)
 * (uniform), or orthonormal rows or columns (orthogonal).
 */
function drawUnitMatrix(rng: Rng, dist: WeightDist, rows: number, cols: number): Float64Array {
  const w = new Float64Array(rows * cols);
  switch (dist) {
    case 'normal':
      return rng.fillNormal(w, 0, 1);
    case 'uniform':
      for (let i = 0; i < w.length; i++) w[i] = 2 * rng.uniform() - 1;
      return w;
    case 'orthogonal':
      rng.fillNormal(w);
      if (rows <= cols) orthonormalizeRows(w, rows, cols);
      else {
        const t = transpose(w, rows, cols);
        orthonormalizeRows(t, cols, rows);
        w.set(transpose(t, cols, rows));
      }
      return w;
  }
}

/**
 * A unit draw scaled to entries of variance `variance`, into `out` (which may be `unit` itself), by the very
 * expression a draw at that scale evaluates (mean + std·z for normal), so the numbers are the same to the bit.
 */
function scaleUnitMatrix<T extends Float32Array | Float64Array>(
  unit: Float64Array,
  out: T,
  dist: WeightDist,
  rows: number,
  cols: number,
  variance: number,
): T {
  switch (dist) {
    case 'normal': {
      const std = Math.sqrt(variance);
      for (let i = 0; i < out.length; i++) out[i] = 0 + std * unit[i];
      return out;
    }
    case 'uniform': {
      // U(−a, a) has variance a²/3.
      const a = Math.sqrt(3 * variance);
      for (let i = 0; i < out.length; i++) out[i] = a * unit[i];
      return out;
    }
    case 'orthogonal': {
      // An n×n orthogonal matrix has entries of mean square 1/n; scaling by σ_w gives variance σ_w²/n. A
      // rectangular one has orthonormal rows (rows ≤ cols) or columns, entries of mean square 1/max(rows, cols).
      const gain = Math.sqrt(variance * Math.max(rows, cols));
      for (let i = 0; i < out.length; i++) out[i] = unit[i] * gain;
      return out;
    }
  }
}

/** The transpose of a row-major [rows, cols] matrix, as a new row-major [cols, rows] one. */
function transpose(m: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
  return t;
}

/**
 * Biases of hidden layer `layer` (1-based), N(0, sb²); all zeros when sb = 0 (then only data-set experiments
 * have, and train, biases). Float64Array of width.
 */
export function initBias(exp: Experiment, layer: number): Float64Array {
  const b = new Float64Array(exp.width);
  if (exp.sb === 0) return b;
  return new Rng(exp.seed, STREAM.bias, exp.tied ? 1 : layer).fillNormal(b, 0, exp.sb);
}

/** Inputs x ~ N(in_mean, in_std²): Float64Array of batch·width, row-major [batch, width]. */
export function makeInputs(exp: Experiment): Float64Array {
  return new Rng(exp.seed, STREAM.input).fillNormal(
    new Float64Array(exp.batch * exp.width),
    exp.in_mean,
    exp.in_std,
  );
}

/** Targets y ~ N(0, 1): Float64Array of batch·width, row-major [batch, width]. */
export function makeTargets(exp: Experiment): Float64Array {
  return cached(`y|${exp.seed}|${exp.batch}|${exp.width}`, () =>
    new Rng(exp.seed, STREAM.target).fillNormal(new Float64Array(exp.batch * exp.width)),
  );
}

/**
 * Orthonormalizes the rows of a row-major [n, cols] matrix (n ≤ cols; square by default) in place by modified
 * Gram–Schmidt, applied twice ("twice is enough", Giraud et al. 2005) so orthogonality holds to rounding even
 * at width 4096. Rows are contiguous, so every inner loop streams through memory.
 */
export function orthonormalizeRows(m: Float64Array, n: number, cols: number = n): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < n; i++) {
      const ri = i * cols;
      for (let j = 0; j < i; j++) {
        const rj = j * cols;
        let dot = 0;
        for (let c = 0; c < cols; c++) dot += m[ri + c] * m[rj + c];
        for (let c = 0; c < cols; c++) m[ri + c] -= dot * m[rj + c];
      }
      let norm = 0;
      for (let c = 0; c < cols; c++) norm += m[ri + c] * m[ri + c];
      norm = Math.sqrt(norm);
      for (let c = 0; c < cols; c++) m[ri + c] /= norm;
    }
  }
}
