/**
 * The charts' empty frames shown while the first pass computes: the same charts, titles and axes as the
 * measured figures that replace them (so the page does not re-lay out and plotly updates the same plots),
 * and no data (so nothing, and no test or benchmark, mistakes a frame for a drawn chart).
 */
import { describe, expect, it } from 'vitest';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import { runExperiment } from '../../src/engine/backend';
import { experimentWith } from '../../src/state/schema';
import {
  deadFigure,
  gradientFigure,
  meanFigure,
  placeholderFigures,
  varianceFigure,
} from '../../src/ui/charts/figures';
import { toPlotlyData, toPlotlyLayout } from '../../src/ui/charts/plotly';
import { translator } from '../../src/ui/i18n';

describe('placeholder figures', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`match the measured charts' ids, titles and axes, with no traces (${lang})`, async () => {
      const t = translator(lang);
      const result = await runExperiment(
        new ReferenceBackend(),
        experimentWith({ depth: 3, width: 4, batch: 2 }),
      );
      const measured = [
        meanFigure(t, result),
        varianceFigure(t, result),
        gradientFigure(t, result),
        deadFigure(t, result),
      ];
      const frames = placeholderFigures(t);
      expect(frames.map((f) => f.id)).toEqual(measured.map((f) => f.id));
      frames.forEach((frame, i) => {
        const m = measured[i];
        expect([frame.title, frame.xTitle, frame.yTitle, frame.yLog]).toEqual([
          m.title,
          m.xTitle,
          m.yTitle,
          m.yLog,
        ]);
        expect(toPlotlyData(frame)).toEqual([]);
        expect(toPlotlyLayout(frame)).toEqual(toPlotlyLayout({ ...m, series: [] }));
      });
    });
  }
});
