/**
 * The three passes of a step, and logits(), as lists of jobs (job.ts) for the parts of shares.ts:
 *  - forward: per layer l = 1..layers, z_l = h_{l−1}·W_l (+ b_l) with φ, φ′ (and the hybrid's ∂φ/∂k) and the
 *    statistics in the epilogue; each part takes its rows of the batch through every layer;
 *  - gradient: per layer l = layers..2, g_{l−1} = δ_l·Wᵀ_l and δ_{l−1} = g_{l−1} ⊙ φ′ in place, with Σg² (and
 *    Σg·∂φ/∂k); by rows like the forward pass;
 *  - weight: per layer, ∂W_l = h_{l−1}ᵀ·δ_l with Σ(∂W)² and SGD in place; each product whole in one part;
 *  - with activation checkpointing (layout.ts checkpointSlots), the last two run segment by segment from the
 *    top, each segment's forward jobs run again first (checkpointedBackward).
 * Each pass is a generator of runs (shares.run): with `chunk` = Infinity a pass is one run per phase, as it
 * always was; with a finite chunk, runs of at most `chunk` jobs per part, yielding after each the layer products
 * it finished (the engine's progress within a pass, backend.ts). A part runs its own jobs in the same order
 * either way and the statistics go to the same blocks, so the numbers do not depend on `chunk`.
 * Widths per layer come from the layout (layer 1's fan-in is the data's features, the read-out's fan-out the
 * classes). The read-out (data sets) is a forward layer like the others whose φ is the identity: leaky ReLU
 * with slope 1 computes z·1 = z and φ′ = 1 exactly, so no kernel needs a mode of its own, its δ is the loss's
 * gradient, and its statistics and masks go to block `layers`, which nothing reads.
 */
import { ACTIVATION_CODE } from '../engine/activations';
import type { Experiment } from '../engine/experiment';
import type { StatsNeed } from '../engine/backend';
import { MODE, STAT, type KernelExports } from './kernels';
import {
  checkpointed,
  maskOf,
  segmentCount,
  segmentLayers,
  statsOf,
  type Layout,
  type PartScratch,
} from './layout';
import { shareJob, type ForwardStats, type Shares } from './shares';

/** setActivation arguments of the read-out: leaky ReLU of slope 1, i.e. φ(z) = z, φ′ = 1 (see the header). */
const IDENTITY = [ACTIVATION_CODE.leaky, 0, 0, 1, 0] as const;

/** What the passes read: the experiment, its memory, its parts and the hybrid's current k per hidden layer. */
export interface PassContext {
  readonly exp: Experiment;
  readonly lay: Layout;
  readonly shares: Shares;
  readonly knobs: Float64Array;
}

/** Where one forward product of a part reads and writes (byte offsets of its first row). */
interface ForwardIo {
  readonly x: number;
  /** Row stride (floats) of x; of h, d and k. */
  readonly ldx: number;
  readonly ld: number;
  readonly h: number;
  readonly d: number;
  /** ∂φ/∂k output, 0: none. */
  readonly k: number;
  readonly stats: number;
  readonly alive: number;
  readonly notSat: number;
}

/** The forward job of layer l over `rows` rows: z = x·W_l + b_l, h = φ(z) (identity for the read-out). */
function forwardJob(
  ctx: PassContext,
  part: PartScratch,
  l: number,
  rows: number,
  io: ForwardIo,
): Float64Array {
  const { exp, lay } = ctx;
  const fanIn = lay.widths[l - 1];
  const fanOut = lay.widths[l];
  const bias = lay.bias.length > 0 ? lay.bias[l - 1] : 0;
  const act =
    l <= lay.depth
      ? [ACTIVATION_CODE[exp.act], exp.alpha, exp.lambda, exp.slope, ctx.knobs[l - 1]]
      : IDENTITY;
  return shareJob(
    MODE.forward,
    part,
    io.stats,
    [io.h, io.d, io.k, io.ld, bias, io.alive, io.notSat],
    [rows, fanOut, fanIn, io.x, io.ldx, 0, lay.w[l - 1], fanOut, 0],
    act,
  );
}

/** A pass as runs: yields after each run the layer products it finished; returns the pass's result. */
export type Runs<T> = Generator<number, T, void>;

/** Runs a pass to its end at once (no progress). */
export function drain<T>(runs: Runs<T>): T {
  let next = runs.next();
  while (!next.done) next = runs.next();
  return next.value;
}

/**
 * Runs every part's list lists[p] in runs of at most `chunk` jobs of each part (Infinity: one run), yielding
 * after each run the products it finished: by rows, each product is cut over the parts (the longest slice
 * counts); by layers, every job is a whole product (the slices' lengths add up).
 */
function* runChunked(shares: Shares, lists: Float64Array[][], chunk: number, byLayers: boolean): Runs<void> {
  const longest = Math.max(0, ...lists.map((list) => list.length));
  if (!(chunk < longest)) {
    shares.run(lists);
    yield byLayers ? lists.reduce((sum, list) => sum + list.length, 0) : longest;
    return;
  }
  for (let i = 0; i < longest; i += chunk) {
    const slices = lists.map((list) => list.slice(i, i + chunk));
    shares.run(slices);
    yield byLayers ? slices.reduce((sum, list) => sum + list.length, 0) : Math.min(chunk, longest - i);
  }
}

/**
 * Layer products of one step (the unit of runChunked's yields): every layer's forward, chain and ∂W product,
 * and checkpointed, each recomputed forward product; fewer when `need` skips some.
 */
export function stepProducts(lay: Layout, need: StatsNeed = 'all'): number {
  // A pass that skips (StatsNeed, never checkpointed): the forward products, and the chain's without ∂W.
  if (need !== 'all' && !checkpointed(lay)) return need === 'forward' ? lay.layers : 2 * lay.layers - 1;
  if (!checkpointed(lay)) return 3 * lay.layers - 1;
  let recomputed = 0;
  for (let j = 0; j < segmentCount(lay) - 1; j++) {
    const [a, b] = segmentLayers(lay, j);
    recomputed += b - a + 1;
  }
  return 3 * lay.layers - 1 + recomputed;
}

/** Byte offset of row `row` of layer l's [rows, widths[l]] tensor at `base`. */
function rowAt(lay: Layout, base: number, l: number, row: number): number {
  return base + row * lay.widths[l] * 4;
}

/** The forward job of layer l on a part's rows [start, start + rows) of the step's tensors. */
function stepForwardJob(
  ctx: PassContext,
  part: PartScratch,
  l: number,
  rows: number,
  start: number,
): Float64Array {
  const { lay } = ctx;
  const kk = lay.k.length > 0 && l <= lay.depth ? lay.k[l - 1] : 0;
  return forwardJob(ctx, part, l, rows, {
    x: rowAt(lay, lay.h[l - 1], l - 1, start),
    ldx: lay.widths[l - 1],
    ld: lay.widths[l],
    h: rowAt(lay, lay.h[l], l, start),
    d: rowAt(lay, lay.d[l - 1], l, start),
    k: kk ? rowAt(lay, kk, l, start) : 0,
    stats: statsOf(part, l),
    alive: maskOf(part.alive, l, lay.nPad),
    notSat: maskOf(part.notSat, l, lay.nPad),
  });
}

/**
 * Every layer's z_l = h_{l−1}·W_l (+ b_l), h_l = φ(z_l), φ′ stored, and the statistics of z_l and h_l; each
 * part takes its rows of the batch through all layers (the read-out included). Returns the hidden layers'
 * statistics, index l − 1 for layer l.
 */
export function* forwardPass(ctx: PassContext, chunk = Infinity): Runs<ForwardStats[]> {
  const { exp, lay, shares } = ctx;
  shares.clear(true);
  const lists = shares.byRows(exp.batch, (part, rows, start) =>
    layersFrom(1, lay.layers).map((l) => stepForwardJob(ctx, part, l, rows, start)),
  );
  yield* runChunked(shares, lists, chunk, false);
  return layersFrom(1, lay.depth).map((l) => shares.mergeForward(l, exp.batch, lay.widths[l]));
}

/** The job of layer l ≥ 2 in the chain of g, on a part's rows: g_{l−1} = δ_l·W_lᵀ, δ_{l−1} = g ⊙ φ′ in place. */
function gradientJob(
  ctx: PassContext,
  part: PartScratch,
  l: number,
  rows: number,
  start: number,
): Float64Array {
  const { lay } = ctx;
  const [fanIn, fanOut] = [lay.widths[l - 1], lay.widths[l]];
  const kk = lay.k.length > 0 ? lay.k[l - 2] : 0;
  return shareJob(
    MODE.backward,
    part,
    statsOf(part, l - 1),
    [rowAt(lay, lay.d[l - 2], l - 1, start), kk ? rowAt(lay, kk, l - 1, start) : 0, fanIn],
    [rows, fanIn, fanOut, rowAt(lay, lay.d[l - 1], l, start), fanOut, 0, lay.w[l - 1], fanOut, 1],
  );
}

/** The job of layer l's ∂W_l = h_{l−1}ᵀ·δ_l, W_l −= lr·∂W_l (lr 0: no update), whole. */
function weightJob(ctx: PassContext, part: PartScratch, l: number, lr: number): Float64Array {
  const { exp, lay } = ctx;
  const [fanIn, fanOut] = [lay.widths[l - 1], lay.widths[l]];
  return shareJob(
    MODE.weight,
    part,
    statsOf(part, l),
    [lay.w[l - 1], fanOut, lr],
    [fanIn, fanOut, exp.batch, lay.h[l - 1], fanIn, 1, lay.d[l - 1], fanOut, 0],
  );
}

/** Runs the ∂W jobs of `layers`, each in its owner part (layout.ts weightOwners); Σ(∂W_l)² into weightSq[l]. */
function* runWeights(
  ctx: PassContext,
  layers: readonly number[],
  lr: number,
  weightSq: Float64Array,
  chunk: number,
): Runs<void> {
  const { lay, shares } = ctx;
  shares.clear(false);
  const lists = shares.parts.map((part, p) =>
    layers.filter((l) => lay.owners[l - 1] === p).map((l) => weightJob(ctx, part, l, lr)),
  );
  yield* runChunked(shares, lists, chunk, true);
  for (const l of layers) weightSq[l] = shares.sum(l, [STAT.w2])[0];
}

/**
 * g_{l−1} = δ_l·W_lᵀ and δ_{l−1} = g ⊙ φ′ in place, from the top layer down (δ of the top layer is the loss's);
 * each part takes its rows through all layers. Fills gradSq[l − 1] = Σg², knobGrad[l − 1] = Σg·∂φ/∂k for
 * l = layers..2 (so up to index depth with a read-out, depth − 1 without).
 */
export function* gradientPass(
  ctx: PassContext,
  gradSq: Float64Array,
  knobGrad: Float64Array,
  chunk = Infinity,
): Runs<void> {
  const { exp, lay, shares } = ctx;
  shares.clear(false);
  const lists = shares.byRows(exp.batch, (part, rows, start) =>
    layersFrom(2, lay.layers)
      .reverse()
      .map((l) => gradientJob(ctx, part, l, rows, start)),
  );
  yield* runChunked(shares, lists, chunk, false);
  for (let l = 1; l < lay.layers; l++) [gradSq[l], knobGrad[l]] = shares.sum(l, [STAT.g2, STAT.gk]);
}

/**
 * ∂W_l = h_{l−1}ᵀ·δ_l for every layer, and W_l −= lr·∂W_l (lr 0: no update); each product whole in one part
 * (layout.ts weightOwners). Returns Σ(∂W_l)² at index l (l = 1..layers).
 */
export function* weightPass(ctx: PassContext, lr: number, chunk = Infinity): Runs<Float64Array> {
  const weightSq = new Float64Array(ctx.lay.layers + 1);
  yield* runWeights(ctx, layersFrom(1, ctx.lay.layers), lr, weightSq, chunk);
  return weightSq;
}

/** b_l −= lr·Σ_rows δ_l for each of `layers` (networks with biases), in the order given. */
export function biasSteps(ctx: PassContext, k: KernelExports, layers: readonly number[], lr: number): void {
  const { exp, lay } = ctx;
  if (lay.bias.length === 0) return;
  for (const l of layers) k.biasStep(lay.d[l - 1], exp.batch, lay.widths[l], lay.bias[l - 1], lr, lay.sums);
}

/**
 * The backward pass of a checkpointed layout (layout.ts checkpointSlots), after forwardPass and the loss, with
 * the same jobs as gradientPass and weightPass (so every product, δ, ∂W and update is bit-identical to theirs)
 * in another order: segment by segment from the top, segment j (hidden layers a..b) in two runs,
 *  1. by rows: its forward jobs a..b again from the checkpoint h_{a−1} (not for the top segment, whose h, φ′
 *     and ∂φ/∂k the forward pass left in the working buffers), then the chain g jobs l = b + 1..a + 1 (up to
 *     the read-out above the top segment): δ_b from δ_{b+1}, whose slot the recomputation leaves alone, down
 *     to δ_a;
 *  2. by layers: the ∂W jobs (and SGD, bias steps) of layers a + 1..b + 1 — h_a..h_{b−1} in the working
 *     buffers, h_b the checkpoint — and of layer 1 in the bottom segment.
 * W_a is updated by segment j − 1, after its chain job l = a has used it, as in the full pass where every g
 * job runs before any update; the recomputation of segment j − 1 uses W and b of its own layers, updated
 * only later. The forward statistics are the forward pass's; the recomputation writes its own over them in
 * the parts' blocks, after they were merged, and the g and ∂W sums are taken per run from cleared blocks.
 * Fills gradSq and knobGrad as gradientPass does; returns Σ(∂W_l)² as weightPass does.
 */
export function* checkpointedBackward(
  ctx: PassContext,
  k: KernelExports,
  train: boolean,
  gradSq: Float64Array,
  knobGrad: Float64Array,
  chunk = Infinity,
): Runs<Float64Array> {
  const { exp, lay, shares } = ctx;
  const lr = train ? exp.lr : 0;
  const weightSq = new Float64Array(lay.layers + 1);
  const count = segmentCount(lay);
  for (let j = count - 1; j >= 0; j--) {
    const [a, b] = segmentLayers(lay, j);
    const top = Math.min(b + 1, lay.layers);
    const again = j < count - 1 ? layersFrom(a, b) : [];
    const chain = layersFrom(a + 1, top).reverse();
    shares.clear(false);
    const lists = shares.byRows(exp.batch, (part, rows, start) => [
      ...again.map((l) => stepForwardJob(ctx, part, l, rows, start)),
      ...chain.map((l) => gradientJob(ctx, part, l, rows, start)),
    ]);
    yield* runChunked(shares, lists, chunk, false);
    for (const l of chain) [gradSq[l - 1], knobGrad[l - 1]] = shares.sum(l - 1, [STAT.g2, STAT.gk]);
    const updated = layersFrom(j === 0 ? 1 : a + 1, top);
    yield* runWeights(ctx, updated, lr, weightSq, chunk);
    if (train) biasSteps(ctx, k, updated.reverse(), lr);
  }
  return weightSq;
}

/**
 * Segment j's forward jobs again from its checkpoint (checkpointed layouts), with the weights in memory: its
 * h, φ′ (and ∂φ/∂k) are in the working buffers afterwards. The parts' statistics blocks and masks of its
 * layers are overwritten (the step's statistics were merged before).
 */
export function recomputeSegment(ctx: PassContext, j: number): void {
  const { exp, lay, shares } = ctx;
  const [a, b] = segmentLayers(lay, j);
  shares.run(
    shares.byRows(exp.batch, (part, rows, start) =>
      layersFrom(a, b).map((l) => stepForwardJob(ctx, part, l, rows, start)),
    ),
  );
}

/**
 * The outputs of `count` inputs (row-major [count, widths[0]]) with the current weights, biases and k, as
 * float32 [count, classes]: chunks of the layout's logit rows through every layer (cut into the parts like a
 * batch), in the logits scratch (layout.ts), so h_l, φ′ and the last step's statistics stay as they were.
 */
export function logitsPass(
  ctx: PassContext,
  memory: WebAssembly.Memory,
  inputs: Float64Array,
  count: number,
): Float32Array {
  const { lay, shares } = ctx;
  const scratch = lay.logits;
  if (!scratch) throw new Error('wasm engine: logits() needs a data-set experiment');
  const features = lay.widths[0];
  const classes = lay.widths[lay.layers];
  if (inputs.length < count * features)
    throw new RangeError(`logits: ${count} inputs need ${count * features} numbers, got ${inputs.length}`);
  const out = new Float32Array(count * classes);
  // Layer l reads the chunk's inputs (l = 1) or layer l − 1's output, and writes a (l odd) or b.
  const { ld } = scratch;
  const target = (l: number): number => (l % 2 === 1 ? scratch.a : scratch.b);
  const at = (base: number, row: number): number => base + row * ld * 4;
  for (const part of shares.parts) new Float64Array(memory.buffer, part.logitStats, STAT.count).fill(0);
  for (let first = 0; first < count; first += scratch.rows) {
    const rows = Math.min(scratch.rows, count - first);
    const chunk = inputs.subarray(first * features, (first + rows) * features);
    new Float32Array(memory.buffer, scratch.x, rows * features).set(chunk);
    shares.run(
      shares.byRows(rows, (part, partRows, start) =>
        layersFrom(1, lay.layers).map((l) =>
          forwardJob(ctx, part, l, partRows, {
            x: l === 1 ? scratch.x + start * features * 4 : at(target(l - 1), start),
            ldx: l === 1 ? features : ld,
            ld,
            h: at(target(l), start),
            d: at(scratch.dump, start),
            k: 0,
            stats: part.logitStats,
            alive: part.logitMask,
            notSat: part.logitMask,
          }),
        ),
      ),
    );
    const result = new Float32Array(memory.buffer, target(lay.layers), rows * ld);
    for (let r = 0; r < rows; r++) out.set(result.subarray(r * ld, r * ld + classes), (first + r) * classes);
  }
  return out;
}

/** Layers first..last, in order. */
export function layersFrom(first: number, last: number): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}
