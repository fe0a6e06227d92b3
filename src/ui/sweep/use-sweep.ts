/**
 * A sweep run from the page: its cells as they arrive (redrawn at most every REDRAW_MS, the first batch at
 * once, so the first row shows without waiting for the rest), its progress, the engine that runs it, and how
 * long it took. One sweep at a time: a new one cancels the old (SweepClient).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineChoice, EngineInfo } from '../../engine/protocol';
import type { CellValue, SweepGrid, SweepSpec } from '../../engine/sweep/types';
import { StaleRunError } from '../engine-client';
import { SweepClient, type SweepCell, type SweepHandle } from '../sweep-client';

/** Least time between two redraws of a running sweep until its first row is in, in ms. */
export const REDRAW_MS = 200;
/**
 * Least time between two redraws after the first row: a heatmap redraw costs the page's main thread tens of ms,
 * which a sweep on a 2-core machine takes from its cell workers.
 */
export const LATER_REDRAW_MS = 600;

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface SweepRun {
  readonly status: SweepStatus;
  /** The grid measured (or being measured), or null before the first sweep. */
  readonly grid: SweepGrid | null;
  /** The sweep as the link wrote it when it started (its axes' log flags). */
  readonly spec: SweepSpec | null;
  /** values[r][c]: undefined while not measured yet. A new array on every redraw. */
  readonly values: readonly (readonly (CellValue | undefined)[])[];
  readonly done: number;
  readonly total: number;
  readonly engine: EngineInfo | null;
  /** performance.now() when the sweep started. */
  readonly startedAt: number;
  /** The Worker's time for all cells, in ms, once done. */
  readonly ms: number | null;
  /** The page's time from start to the last cell in its state, in ms, once done. */
  readonly wallMs: number | null;
  /** Why it failed. */
  readonly message: string | null;
}

const IDLE: SweepRun = {
  status: 'idle',
  grid: null,
  spec: null,
  values: [],
  done: 0,
  total: 0,
  engine: null,
  startedAt: 0,
  ms: null,
  wallMs: null,
  message: null,
};

/** The page's sweep: its state, `start(grid, spec, backend)` and `cancel()`. */
export function useSweep(): {
  run: SweepRun;
  start: (grid: SweepGrid, spec: SweepSpec, backend: EngineChoice) => void;
  cancel: () => void;
} {
  const [run, setRun] = useState<SweepRun>(IDLE);
  const client = useRef<SweepClient | null>(null);
  const handle = useRef<SweepHandle | null>(null);
  // The cells as they arrive, written in place; copied into state at most every REDRAW_MS.
  const cells = useRef<(CellValue | undefined)[][]>([]);
  const count = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastFlush = useRef(-Infinity);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      client.current?.dispose();
      client.current = null;
    },
    [],
  );

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    lastFlush.current = performance.now();
    const values = cells.current.map((row) => [...row]);
    const done = count.current;
    setRun((r) => ({ ...r, values, done }));
  }, []);

  const start = useCallback(
    (grid: SweepGrid, spec: SweepSpec, backend: EngineChoice) => {
      clearTimeout(timer.current);
      timer.current = undefined;
      const total = grid.cells.length * grid.x.values.length;
      const fresh = grid.cells.map((row) => row.map((): CellValue | undefined => undefined));
      cells.current = fresh;
      count.current = 0;
      lastFlush.current = -Infinity;
      const startedAt = performance.now();
      setRun({ ...IDLE, status: 'running', grid, spec, values: fresh, total, startedAt });
      client.current ??= new SweepClient();
      const current = client.current.start(grid, backend, {
        onEngine: (engine) => {
          if (handle.current === current) setRun((r) => ({ ...r, engine }));
        },
        onCells: (batch: readonly SweepCell[]) => {
          if (handle.current !== current) return;
          for (const { row, column, value } of batch) {
            if (cells.current[row]?.[column] === undefined) count.current++;
            cells.current[row][column] = value;
          }
          const firstRow = count.current < grid.x.values.length;
          const wait = lastFlush.current + (firstRow ? REDRAW_MS : LATER_REDRAW_MS) - performance.now();
          if (wait <= 0) flush();
          else timer.current ??= setTimeout(flush, wait);
        },
      });
      handle.current = current;
      current.done.then(
        ({ ms }) => {
          if (handle.current !== current) return;
          flush();
          setRun((r) => ({ ...r, status: 'done', ms, wallMs: performance.now() - startedAt }));
        },
        (error: Error) => {
          if (handle.current !== current) return;
          flush();
          const stopped = error instanceof StaleRunError;
          setRun((r) => ({
            ...r,
            status: stopped ? 'cancelled' : 'failed',
            message: stopped ? null : error.message,
          }));
        },
      );
    },
    [flush],
  );

  const cancel = useCallback(() => handle.current?.stop(), []);

  return { run, start, cancel };
}
