/**
 * The 2-D two-class data sets, drawn from the experiment's seed (docs/experiment.md gives the same formulas).
 * Point j (0-based) has class j mod 2, so both classes have exactly half the points. Each clean point is drawn
 * from `rng` (uniform() on (0, 1), normal() standard) and then each coordinate gets noise·normal(), in this
 * order: the clean point's draws, then the two noise draws. Angles use fdlibm's sin/cos on [0, 2π), which the
 * PyTorch export ports bit for bit.
 */
import { cos, sin } from '../fdlibm';
import { Rng, STREAM } from '../random';

/** The 2-D sets. */
export type TwoDKind = 'spiral' | 'circles' | 'xor' | 'gauss';

/** Points drawn for training and for the held-out test. */
export const TWO_D_TRAIN = 400;
export const TWO_D_TEST = 200;

/** Points of one 2-D set: x row-major [count, 2] (raw, not standardised), labels in {0, 1}. */
export interface PointSet {
  readonly x: Float64Array;
  readonly labels: Int32Array;
  readonly count: number;
}

const TWO_PI = 2 * Math.PI;

/** One clean point of class c (before noise), written to out[0], out[1]. */
function cleanPoint(kind: TwoDKind, c: number, rng: Rng, out: Float64Array): void {
  switch (kind) {
    case 'spiral': {
      // Two arms of 1.75 turns out to radius 5, the second arm turned by π: t = 2π·frac(1.75·u + c/2).
      const u = rng.uniform();
      const r = 5 * u;
      const t = TWO_PI * ((1.75 * u + 0.5 * c) % 1);
      out[0] = r * sin(t);
      out[1] = r * cos(t);
      return;
    }
    case 'circles': {
      // Class 0: radius uniform on (0, 2); class 1: a ring, radius uniform on (3, 5); angle uniform.
      const r = c === 0 ? 2 * rng.uniform() : 3 + 2 * rng.uniform();
      const t = TWO_PI * rng.uniform();
      out[0] = r * sin(t);
      out[1] = r * cos(t);
      return;
    }
    case 'xor': {
      // |x₁|, |x₂| uniform on (0.3, 5); x₁'s sign uniform; class 0 in the quadrants where x₁·x₂ > 0.
      const a = 0.3 + 4.7 * rng.uniform();
      const b = 0.3 + 4.7 * rng.uniform();
      const s = rng.uniform() < 0.5 ? -1 : 1;
      out[0] = s * a;
      out[1] = (c === 0 ? s : -s) * b;
      return;
    }
    case 'gauss': {
      // Two unit-variance Gaussian blobs, class 0 around (2, 2), class 1 around (−2, −2).
      const m = c === 0 ? 2 : -2;
      out[0] = m + rng.normal();
      out[1] = m + rng.normal();
      return;
    }
  }
}

/**
 * `count` points of set `kind` from stream (seed, STREAM.data, part): part 0 is the training set, part 1 the
 * test set. Deterministic in (kind, seed, noise, part, count).
 */
export function twoDPoints(
  kind: TwoDKind,
  seed: number,
  noise: number,
  part: 0 | 1,
  count: number,
): PointSet {
  const rng = new Rng(seed, STREAM.data, part);
  const x = new Float64Array(count * 2);
  const labels = new Int32Array(count);
  const p = new Float64Array(2);
  for (let j = 0; j < count; j++) {
    const c = j % 2;
    cleanPoint(kind, c, rng, p);
    x[2 * j] = p[0] + noise * rng.normal();
    x[2 * j + 1] = p[1] + noise * rng.normal();
    labels[j] = c;
  }
  return { x, labels, count };
}
