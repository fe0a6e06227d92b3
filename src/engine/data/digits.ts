/**
 * The 8×8 handwritten digits (UCI optdigits as scikit-learn ships it; source and licence in digits-data.ts and
 * DATA-LICENSES.md), decoded on first use, and their fixed train/test split: a permutation of the 1,797 images
 * drawn from stream (0, STREAM.split, 0), the same for every experiment; its first DIGITS_TEST images are the
 * test set, the rest (in the permutation's order) the training set.
 */
import { Rng, STREAM } from '../random';
import type { PointSet } from './two-d';

export const DIGITS_COUNT = 1797;
export const DIGITS_PIXELS = 64;
export const DIGITS_TEST = 360;
export const DIGITS_TRAIN = DIGITS_COUNT - DIGITS_TEST;

/** Every image: pixels row-major [1797, 64] (counts 0..16 as float64) and labels 0..9, in the file's order. */
export interface DigitsImages {
  readonly pixels: Float64Array;
  readonly labels: Int32Array;
}

let images: Promise<DigitsImages> | null = null;

/** The decoded images (the 160 kB module is imported on first use only). */
export function loadDigitsImages(): Promise<DigitsImages> {
  images ??= import('./digits-data').then(({ DIGITS_BASE64 }) => decodeDigits(DIGITS_BASE64));
  return images;
}

/** Decodes the base64 records (64 pixels then the label, per image). */
export function decodeDigits(base64: string): DigitsImages {
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  const record = DIGITS_PIXELS + 1;
  if (bytes.length !== DIGITS_COUNT * record)
    throw new Error(`digits: expected ${DIGITS_COUNT * record} bytes, found ${bytes.length}`);
  const pixels = new Float64Array(DIGITS_COUNT * DIGITS_PIXELS);
  const labels = new Int32Array(DIGITS_COUNT);
  for (let i = 0; i < DIGITS_COUNT; i++) {
    for (let p = 0; p < DIGITS_PIXELS; p++) pixels[i * DIGITS_PIXELS + p] = bytes[i * record + p];
    labels[i] = bytes[i * record + DIGITS_PIXELS];
  }
  return { pixels, labels };
}

/**
 * A uniformly random permutation of 0..n−1 by Fisher–Yates from `rng`: for i = n−1 down to 1, swap i with
 * j = ⌊uniform()·(i + 1)⌋.
 */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i >= 1; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** The images at `rows` (in that order) as a point set of 64 features. */
function pick(all: DigitsImages, rows: Int32Array): PointSet {
  const x = new Float64Array(rows.length * DIGITS_PIXELS);
  const labels = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    x.set(all.pixels.subarray(r * DIGITS_PIXELS, (r + 1) * DIGITS_PIXELS), i * DIGITS_PIXELS);
    labels[i] = all.labels[r];
  });
  return { x, labels, count: rows.length };
}

/** The fixed split: training and test sets (raw pixel counts) and which image each row is. */
export function splitDigits(all: DigitsImages): { train: PointSet; test: PointSet; testRows: Int32Array } {
  const order = permutation(DIGITS_COUNT, new Rng(0, STREAM.split, 0));
  const testRows = order.slice(0, DIGITS_TEST);
  return { train: pick(all, order.slice(DIGITS_TEST)), test: pick(all, testRows), testRows };
}
