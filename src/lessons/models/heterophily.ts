/**
 * Scene 4: signed messages on a graph with heterophily.
 *
 * A synthetic graph of two balanced classes (node i is in class i mod 2). Each node carries one scalar
 * feature x = +1 (class 0) or −1 (class 1) plus N(0, noise²). Each node gets `degree` neighbours, drawn with
 * replacement: each slot picks, with probability h, a random node of the OTHER class, otherwise a random other
 * node of its own class. So h is the expected share of a node's neighbours that differ from it (h = 0: every
 * neighbour agrees, homophily; h = 1: every neighbour differs). The neighbour lists are directed (i listens to
 * its neighbours), which is all that mean aggregation needs.
 *
 * Message of node i: m_i = mean of its neighbours' features, E[m_i] = s_i·(1 − 2h) with s_i = ±1 the node's own
 * sign. The activation is applied to the message: φ(m_i). Because the classes are symmetric, about half of the
 * messages are negative at every h; what h changes is WHOSE messages are negative (above h = ½ a node's
 * message has the sign opposite to its own class) and how far from 0 they sit (|1 − 2h|).
 *
 * Randomness: Rng(seed, 401) for the features, Rng(seed, 402) for the edges (lesson streams, disjoint from the
 * engine's 1–4).
 */
import { makeActivation } from '../../engine/activations';
import type { ActivationParams } from '../../engine/activations';
import { Rng } from '../../engine/random';
import { correlation } from './params';

/** A synthetic two-class graph; node i is in class i mod 2. */
export interface SignedGraph {
  /** Class of each node, 0 or 1, length n. */
  readonly labels: Uint8Array;
  /** Feature of each node: +1 (class 0) or −1 (class 1) plus N(0, noise²), length n. */
  readonly features: Float64Array;
  /** Neighbour lists, row-major [n, degree]: neighbours[i·degree + j] is node i's j-th neighbour. */
  readonly neighbours: Int32Array;
  /** Neighbours per node. */
  readonly degree: number;
  /** Measured share of neighbour slots whose node is of the other class (≈ h). */
  readonly measuredHeterophily: number;
}

/** Options of the synthetic graph. */
export interface GraphOptions {
  /** Expected share of a node's neighbours in the other class, in [0, 1]. */
  readonly heterophily: number;
  /** Number of nodes (≥ 4; rounded down to an even number so the classes are balanced). */
  readonly nodes: number;
  /** Seed of features and edges. */
  readonly seed: number;
  /** Standard deviation of the Gaussian noise on the ±1 features (≥ 0). */
  readonly noise: number;
  /** Neighbours per node; default 8. */
  readonly degree?: number;
}

/** Builds the seeded synthetic graph described in the module comment. */
export function signedGraph(opts: GraphOptions): SignedGraph {
  const n = Math.max(4, 2 * Math.floor(opts.nodes / 2));
  const degree = Math.max(1, Math.floor(opts.degree ?? 8));
  const h = Math.min(1, Math.max(0, opts.heterophily));
  const half = n / 2;
  const labels = new Uint8Array(n);
  const features = new Float64Array(n);
  const featureRng = new Rng(opts.seed, 401);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    features[i] = (labels[i] === 0 ? 1 : -1) + opts.noise * featureRng.normal();
  }
  const edgeRng = new Rng(opts.seed, 402);
  const neighbours = new Int32Array(n * degree);
  let crossing = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < degree; j++) {
      const other = edgeRng.uniform() < h;
      const cls = other ? 1 - labels[i] : labels[i];
      // Nodes of class c are c, c + 2, c + 4, …; a same-class pick skips i itself.
      let r: number;
      do r = Math.floor(edgeRng.uniform() * half);
      while (!other && 2 * r + cls === i);
      neighbours[i * degree + j] = 2 * r + cls;
      if (other) crossing++;
    }
  }
  return { labels, features, neighbours, degree, measuredHeterophily: crossing / (n * degree) };
}

/** m_i = mean of node i's neighbours' features (length n). */
export function meanMessages(g: SignedGraph): Float64Array {
  const n = g.labels.length;
  const m = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < g.degree; j++) s += g.features[g.neighbours[i * g.degree + j]];
    m[i] = s / g.degree;
  }
  return m;
}

/** What survives of the signed messages after φ. Shares are in [0, 1]. */
export interface SignedInformation {
  /** Share of messages m_i < 0. */
  readonly negativeFraction: number;
  /** Among the negative messages, the share with φ(m) < 0 (sign kept). NaN if no message is negative. */
  readonly signPreserved: number;
  /**
   * Accuracy of the sign read-out of φ(m): predict class 0 when φ(m_i) > 0 and class 1 when φ(m_i) < 0, or
   * the opposite orientation, whichever is more accurate (the opposite one wins above h = ½). φ(m_i) = 0 gives
   * no sign: such a node is scored ½ (a coin flip). 0.5 = no information, 1 = every class recovered.
   * Caveat: for this single scalar, a read-out with a tuned threshold could still split ReLU's zeros from its
   * positive outputs. What ReLU erases is the sign and size of each negative message, which a bias-free
   * read-out, or a next layer that sums messages, needs; this measure scores exactly that.
   */
  readonly accuracy: number;
  /** Same read-out from the raw message m (what a perfectly sign-keeping φ would reach). */
  readonly accuracyOfMessage: number;
  /**
   * corr(φ(m), m)²: the share of the messages' variance that a straight-line fit recovers from φ(m)
   * (1 = φ is linear on the messages, nothing lost; 0 = nothing recoverable).
   */
  readonly informationKept: number;
  /** Measured share of cross-class neighbour slots (≈ the requested heterophily). */
  readonly measuredHeterophily: number;
  /** The messages m_i, length n (for a histogram). */
  readonly messages: Float64Array;
  /** φ(m_i), length n. */
  readonly outputs: Float64Array;
  /** Class of each node, 0 or 1, length n. */
  readonly labels: Uint8Array;
}

/** Parameters of one scene-4 computation. */
export interface SignedInformationParams {
  readonly activation: ActivationParams;
  /** Expected share of cross-class neighbours, in [0, 1]. */
  readonly heterophily: number;
  /** Number of nodes (even, ≥ 4). */
  readonly nodes: number;
  readonly seed: number;
  /** Feature noise standard deviation. */
  readonly noise: number;
  /** Neighbours per node; default 8. */
  readonly degree?: number;
}

/** Sign read-out accuracy of a score (see SignedInformation.accuracy). */
function signReadout(score: Float64Array, labels: Uint8Array): number {
  let agree = 0; // sign says class 0 and it is class 0, or sign says class 1 and it is class 1
  let ties = 0;
  for (let i = 0; i < score.length; i++) {
    if (score[i] === 0) ties++;
    else if (score[i] > 0 === (labels[i] === 0)) agree++;
  }
  const n = score.length;
  const decided = n - ties;
  return (Math.max(agree, decided - agree) + 0.5 * ties) / n;
}

/** Builds the graph, aggregates, applies φ and measures what signed information survives. */
export function signedInformation(p: SignedInformationParams): SignedInformation {
  const g = signedGraph(p);
  const messages = meanMessages(g);
  const act = makeActivation(p.activation);
  const outputs = messages.map((m) => act.phi(m));
  let negative = 0;
  let kept = 0;
  for (let i = 0; i < messages.length; i++) {
    if (messages[i] < 0) {
      negative++;
      if (outputs[i] < 0) kept++;
    }
  }
  const r = correlation(outputs, messages);
  return {
    negativeFraction: negative / messages.length,
    signPreserved: negative > 0 ? kept / negative : NaN,
    accuracy: signReadout(outputs, g.labels),
    accuracyOfMessage: signReadout(messages, g.labels),
    informationKept: r * r,
    measuredHeterophily: g.measuredHeterophily,
    messages,
    outputs,
    labels: g.labels,
  };
}

/** One point of a heterophily sweep. */
export interface HeterophilyPoint {
  readonly heterophily: number;
  readonly accuracy: number;
  readonly signPreserved: number;
  readonly informationKept: number;
}

/** signedInformation at each heterophily in `hs` (same seed, so only h changes), for a curve against h. */
export function heterophilySweep(
  p: Omit<SignedInformationParams, 'heterophily'>,
  hs: ArrayLike<number>,
): HeterophilyPoint[] {
  const out: HeterophilyPoint[] = [];
  for (let i = 0; i < hs.length; i++) {
    const r = signedInformation({ ...p, heterophily: hs[i] });
    out.push({
      heterophily: hs[i],
      accuracy: r.accuracy,
      signPreserved: r.signPreserved,
      informationKept: r.informationKept,
    });
  }
  return out;
}
