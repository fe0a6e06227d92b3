/**
 * The sweep drawn with plotly (lazy-loaded like every chart): redrawn when its input changes (the caller
 * throttles that), one draw at a time, newest first. A click on a cell (or a point) reports the cell.
 */
import { useEffect, useMemo, useRef } from 'react';
import { DrawQueue } from '../charts/draw-queue';
import { loadPlotly } from '../charts/plotly';
import { SWEEP_PLOT_HEIGHT, sweepPlot, type SweepPlotInput } from './sweep-plot';

type PlotElement = HTMLDivElement & {
  on?: (event: string, handler: (e: Record<string, unknown>) => void) => void;
  removeAllListeners?: (event: string) => void;
};

interface Props {
  readonly input: SweepPlotInput;
  /** A changing key for the input (plotly then redraws only when it changes). */
  readonly revision: string;
  /** The text alternative's element id. */
  readonly describedBy: string;
  readonly label: string;
  readonly onCell: (row: number, column: number) => void;
  /** Called after each draw with what was drawn. */
  readonly onDrawn?: (drawn: SweepPlotInput) => void;
}

export function SweepPlot({ input, revision, describedBy, label, onCell, onDrawn }: Props) {
  const plotRef = useRef<PlotElement>(null);
  const draws = useRef(new DrawQueue());
  const figure = useMemo(() => sweepPlot(input), [input]);
  const latest = useRef({ input, onCell, onDrawn });
  useEffect(() => {
    latest.current = { input, onCell, onDrawn };
  });

  useEffect(() => {
    void draws.current.request(revision, async () => {
      const plotly = await loadPlotly();
      const plot = plotRef.current;
      if (!plot) throw new Error('the plot is not on the page');
      await plotly.react(
        plot,
        figure.data,
        { ...figure.layout, datarevision: revision },
        {
          responsive: true,
          displaylogo: false,
          modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines'],
        },
      );
      if (plot.on && !plot.dataset.listening) {
        plot.dataset.listening = '1';
        plot.on('plotly_click', (e) => {
          const point = (e.points as { x: number; y: number }[] | undefined)?.[0];
          if (!point) return;
          const { x, y } = latest.current.input;
          const column = nearest(x.values, point.x);
          const row = y ? nearest(y.values, point.y) : 0;
          latest.current.onCell(row, column);
        });
      }
      latest.current.onDrawn?.(input);
    });
    // `input` changes with `figure`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [figure, revision]);

  useEffect(() => {
    const root = plotRef.current;
    return () => {
      if (!root) return;
      delete root.dataset.listening;
      void loadPlotly().then(
        (plotly) => plotly.purge(root),
        () => {},
      );
    };
  }, []);

  return (
    <div
      ref={plotRef}
      className="plot sweep-plot"
      style={{ minHeight: input.y ? SWEEP_PLOT_HEIGHT.map : SWEEP_PLOT_HEIGHT.line }}
      role="figure"
      aria-label={label}
      aria-describedby={describedBy}
    />
  );
}

/** The index of the value nearest to `v`. */
function nearest(values: readonly number[], v: number): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i] - v) < Math.abs(values[best] - v)) best = i;
  return best;
}
