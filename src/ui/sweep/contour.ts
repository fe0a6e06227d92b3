/**
 * Where a value crosses a level over a sweep's grid, for drawing the theory's edge (χ = 1) over the measured
 * heatmap and for the heatmap's text summary. Pure: no DOM, no plotly.
 */

/** Polyline pieces for plotly: segments of two points each, separated by nulls (plotly breaks a line there). */
export interface ContourLines {
  readonly x: (number | null)[];
  readonly y: (number | null)[];
}

/**
 * Where `values` (at increasing `xs`) crosses `level`: each crossing's x, interpolated linearly in x and in the
 * value, in order. A value that equals the level counts once; nulls break the line (no crossing across a gap).
 */
export function crossings(
  xs: readonly number[],
  values: readonly (number | null)[],
  level: number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < xs.length; i++) {
    const a = values[i];
    const b = values[i + 1];
    if (a === null || b === null) continue;
    const da = a - level;
    const db = b - level;
    if (da === 0 && (i === 0 || values[i - 1] === null)) out.push(xs[i]);
    if (db === 0) out.push(xs[i + 1]);
    else if (da !== 0 && da < 0 !== db < 0) out.push(xs[i] + ((xs[i + 1] - xs[i]) * da) / (da - db));
  }
  return out;
}

/**
 * The contour `z = level` over a grid (marching squares): z[r][c] at (xs[c], ys[r]), rows along y. Each grid
 * square whose four corners are known and on both sides of the level adds one or two segments whose ends are
 * interpolated linearly along its edges; a saddle is resolved by the square's mean. Squares with a null
 * corner add nothing.
 */
export function contourLines(
  xs: readonly number[],
  ys: readonly number[],
  z: readonly (readonly (number | null)[])[],
  level: number,
): ContourLines {
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  for (let r = 0; r + 1 < ys.length; r++) {
    for (let c = 0; c + 1 < xs.length; c++) {
      const corners = [z[r][c], z[r][c + 1], z[r + 1][c + 1], z[r + 1][c]];
      if (corners.some((v) => v === null || !Number.isFinite(v))) continue;
      const [v0, v1, v2, v3] = (corners as number[]).map((v) => v - level);
      // Corners in order around the square: (c, r), (c+1, r), (c+1, r+1), (c, r+1).
      const px = [xs[c], xs[c + 1], xs[c + 1], xs[c]];
      const py = [ys[r], ys[r], ys[r + 1], ys[r + 1]];
      const d = [v0, v1, v2, v3];
      // A point on edge k (corner k to corner k+1) where the value is the level.
      const point = (k: number): [number, number] => {
        const j = (k + 1) % 4;
        const t = d[k] === d[j] ? 0.5 : d[k] / (d[k] - d[j]);
        return [px[k] + t * (px[j] - px[k]), py[k] + t * (py[j] - py[k])];
      };
      const crossed = [0, 1, 2, 3].filter((k) => d[k] >= 0 !== d[(k + 1) % 4] >= 0);
      if (crossed.length === 2) {
        push(x, y, point(crossed[0]), point(crossed[1]));
      } else if (crossed.length === 4) {
        // A saddle: when the square's mean is on corner 0's side, corners 0 and 2 are joined through the middle
        // and the contour cuts off corners 1 and 3; otherwise it cuts off corners 0 and 2.
        const joined = (v0 + v1 + v2 + v3) / 4 >= 0 === v0 >= 0;
        const pairs = joined
          ? [
              [0, 1],
              [2, 3],
            ]
          : [
              [3, 0],
              [1, 2],
            ];
        for (const [a, b] of pairs) push(x, y, point(a), point(b));
      }
    }
  }
  return { x, y };
}

function push(x: (number | null)[], y: (number | null)[], a: [number, number], b: [number, number]): void {
  x.push(a[0], b[0], null);
  y.push(a[1], b[1], null);
}
