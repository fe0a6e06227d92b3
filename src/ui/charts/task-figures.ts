/**
 * What a data-set run's weights make of its data, as plain data for the charts (no DOM, no plotly): the
 * decision boundary of a 2-D set with its points, the digits' confusion matrix, and the cells of the digits'
 * image grid.
 */
import type { BoundaryView, DigitsView, RawPoints } from '../../engine/protocol';
import type { MessageKey, Translate } from '../i18n';
import { PALETTE, finiteOrNull, type Figure, type Series } from './figures';

/**
 * The two classes' colours (Okabe–Ito blue and vermillion, told apart with every common colour-vision
 * deficiency) and marker shapes (circle, triangle: a second cue besides colour). The boundary's heatmap runs
 * from the one colour (class 0 certain) through white (undecided) to the other (class 1 certain).
 */
export const CLASS_STYLES = [
  { color: PALETTE.blue, symbol: 'circle' },
  { color: PALETTE.vermillion, symbol: 'triangle-up' },
] as const;

/** Opacity of the boundary's colours under the points, so the points stand out. */
const BOUNDARY_OPACITY = 0.55;

/** The points of class `c` in `set`, as x and y coordinates. */
function pointsOf(set: RawPoints, c: number): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < set.labels.length; i++) {
    if (set.labels[i] !== c) continue;
    x.push(set.x[2 * i]);
    y.push(set.x[2 * i + 1]);
  }
  return { x, y };
}

/** A cheap fingerprint of a point set (count and a running sum of its coordinates and labels). */
function fingerprint(set: RawPoints): string {
  let sum = 0;
  for (let i = 0; i < set.x.length; i++) sum = (sum * 31 + set.x[i] * 1e6) % 1e15;
  for (let i = 0; i < set.labels.length; i++) sum = (sum * 7 + set.labels[i]) % 1e15;
  return `${set.labels.length}:${sum}`;
}

/**
 * A 2-D set's decision boundary: P(class 1) over the grid as a (pale) heatmap image, training points filled and
 * test points hollow over it, each class in its colour and shape. `label` names the run when runs are
 * compared (each gets a panel of its own, `id` boundary-<index>).
 */
export function boundaryFigure(t: Translate, view: BoundaryView, label?: string, index = 0): Figure {
  const nx = view.x.length;
  const z: (number | null)[][] = [];
  for (let r = 0; r < view.y.length; r++)
    z.push(Array.from(view.p.subarray(r * nx, (r + 1) * nx), (v) => finiteOrNull(v)));
  const series: Series[] = [];
  for (const [set, hollow] of [
    [view.train, false],
    [view.test, true],
  ] as const) {
    CLASS_STYLES.forEach(({ color, symbol }, c) => {
      const key: MessageKey = hollow ? 'series.testClass' : 'series.trainClass';
      series.push({ name: t(key, { c }), ...pointsOf(set, c), kind: 'points', color, symbol, hollow });
    });
  }
  const title = t('chart.boundary.title');
  return {
    id: `boundary-${index}`,
    title: label === undefined ? title : t('chart.mainRun', { title, label }),
    xTitle: 'x₁',
    yTitle: 'x₂',
    series,
    heatmap: {
      x: Array.from(view.x),
      y: Array.from(view.y),
      z,
      zTitle: t('chart.boundary.p'),
      zMid: 0.5,
      zRange: [0, 1],
      opacity: BOUNDARY_OPACITY,
      image: true,
    },
    dataRevision: `${fingerprint(view.train)}|${fingerprint(view.test)}`,
    square: true,
    note: t('chart.boundary.note', { step: view.step }),
  };
}

/**
 * The confusion matrix of `classes` classes: counts[true][predicted]. A prediction outside 0..classes−1 (a
 * network whose outputs are NaN) is in no cell.
 */
export function confusionCounts(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number,
): number[][] {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const p = predicted[i];
    if (p >= 0 && p < classes && labels[i] >= 0 && labels[i] < classes) counts[labels[i]][p]++;
  }
  return counts;
}

/** Classes of the digits. */
const DIGIT_CLASSES = 10;

/**
 * The digits' test set as a 10 × 10 confusion matrix (rows: true digit, columns: predicted digit, the first
 * row at the top), each non-empty cell's count written in it.
 */
export function confusionFigure(t: Translate, view: DigitsView, label?: string, index = 0): Figure {
  const counts = confusionCounts(view.labels, view.predicted, DIGIT_CLASSES);
  const digits = Array.from({ length: DIGIT_CLASSES }, (_, i) => i);
  const labels = counts.flatMap((row, r) =>
    row.flatMap((n, c) => (n > 0 ? [{ x: c, y: r, text: String(n) }] : [])),
  );
  const title = t('chart.confusion.title');
  return {
    id: `confusion-${index}`,
    title: label === undefined ? title : t('chart.mainRun', { title, label }),
    xTitle: t('chart.confusion.predicted'),
    yTitle: t('chart.confusion.true'),
    series: [],
    heatmap: { x: digits, y: digits, z: counts, zTitle: t('chart.confusion.count'), scale: 'blues' },
    labels,
    matrix: true,
    note: t('chart.confusion.note', { step: view.step, count: view.labels.length }),
  };
}

/** One test image of the digits' grid. */
export interface DigitCell {
  /** Its place in the test set (0-based). */
  readonly index: number;
  /** Pixel counts 0..16, 8×8 row-major. */
  readonly pixels: Uint8Array;
  readonly label: number;
  /** −1 when the network's outputs are NaN. */
  readonly predicted: number;
  readonly right: boolean;
}

/** Pixels per digits image. */
export const DIGIT_PIXELS = 64;

/** The test images the view carries, each with its label and prediction. */
export function digitCells(view: DigitsView): DigitCell[] {
  const count = Math.floor(view.images.length / DIGIT_PIXELS);
  return Array.from({ length: Math.min(count, view.labels.length) }, (_, i) => ({
    index: i,
    pixels: view.images.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS),
    label: view.labels[i],
    predicted: view.predicted[i],
    right: view.predicted[i] === view.labels[i],
  }));
}
