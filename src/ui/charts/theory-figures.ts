/**
 * The theory charts as data: the phase diagram (χ₁ over σ_w², σ_b² with the edge of chaos and the current
 * experiment as a cursor) and the SELU (μ, ν) plane (the map's arrows with the measured layer trajectory).
 */
import type { RunResult } from '../../engine/experiment';
import type { PhaseDiagram, SeluField } from '../../theory/diagrams';
import type { Translate } from '../i18n';
import { PALETTE, type Figure } from './figures';

/** The phase diagram with the experiment's (σ_w², σ_b²) as a draggable cursor. */
export function phaseFigure(t: Translate, phase: PhaseDiagram, sw2: number, sb2: number): Figure {
  const edgeX: number[] = [];
  const edgeY: number[] = [];
  phase.edge.forEach((w, i) => {
    if (w !== null) {
      edgeX.push(w);
      edgeY.push(phase.sb2[i]);
    }
  });
  const xMax = phase.sw2[phase.sw2.length - 1];
  const yMax = phase.sb2[phase.sb2.length - 1];
  return {
    id: 'phase',
    title: t('chart.phase.title'),
    xTitle: 'σ_w²',
    yTitle: 'σ_b²',
    heatmap: { x: phase.sw2, y: phase.sb2, z: phase.chi, zTitle: 'χ₁', zMid: 1 },
    series: [
      { name: t('series.edge'), x: edgeX, y: edgeY, kind: 'line', color: PALETTE.black, dash: 'solid' },
    ],
    cursor: { x: sw2, y: sb2 },
    labels: [
      { x: xMax * 0.12, y: yMax * 0.92, text: t('phase.ordered') },
      { x: xMax * 0.85, y: yMax * 0.08, text: t('phase.chaotic') },
    ],
    note: t('chart.phase.note'),
  };
}

const ARROW_SCALE = 0.25;

/** The SELU (μ, ν) map's arrows, its fixed point, and the measured (mean, variance) of each layer. */
export function seluFigure(
  t: Translate,
  field: SeluField,
  result: RunResult,
  fixedPoint: [number, number],
): Figure {
  return {
    id: 'selu-plane',
    title: t('chart.selu.title'),
    xTitle: 'μ',
    yTitle: 'ν',
    // Drawn at a quarter of one layer's step so neighbouring arrows do not cross.
    arrows: {
      name: t('series.seluMap'),
      x0: field.mu,
      y0: field.nu,
      x1: field.mu.map((m, i) => m + ARROW_SCALE * (field.muNext[i] - m)),
      y1: field.nu.map((v, i) => v + ARROW_SCALE * (field.nuNext[i] - v)),
      color: '#7a7c8a',
    },
    series: [
      {
        name: t('series.trajectory'),
        x: result.layers.map((l) => l.postMean),
        y: result.layers.map((l) => l.postVar),
        kind: 'line',
        color: PALETTE.vermillion,
        symbol: 'circle',
        dash: 'solid',
      },
      {
        name: t('series.fixedPoint'),
        x: [fixedPoint[0]],
        y: [fixedPoint[1]],
        kind: 'line',
        color: PALETTE.blue,
        symbol: 'diamond',
      },
    ],
    note: t('chart.selu.note'),
  };
}
