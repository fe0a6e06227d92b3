/**
 * One key press on the focused α slider and its input→chart latency, as the UI benchmarks measure it
 * (bench/ui.ts, bench/ui-pair.ts): from the keydown event to the first frame in which every per-layer chart on
 * screen holds new data (plotly replaces a plot's `data` on react()). Charts scrolled out of view are redrawn
 * when they come back, and a chart whose content did not change is not redrawn (Chart.tsx), so the latency a
 * student feels is that of these.
 */
import type { Page } from 'playwright-core';

/** The per-layer charts whose content every α step changes. */
export const LIVE_PLOTS = '[data-chart="signal"] .plot, [data-chart="gradient"] .plot';

/**
 * A press whose charts never change is a bug (it was once: overlapping plotly draws): it is counted as
 * Infinity after this long instead of being waited for forever.
 */
const LOST_MS = 5000;

/** Presses `key` and resolves with the latency in ms (Infinity: the charts never changed). */
export async function pressAndMeasure(page: Page, key: string, plots = LIVE_PLOTS): Promise<number> {
  await page.evaluate((selector) => {
    const w = window as unknown as { marks: unknown[]; t0: number; plots: () => Element[] };
    w.plots = () =>
      [...document.querySelectorAll(selector)].filter((p) => {
        const r = p.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
      });
    w.marks = w.plots().map((p) => (p as HTMLElement & { data?: unknown }).data);
    document.addEventListener('keydown', (e) => (w.t0 = e.timeStamp), { once: true, capture: true });
  }, plots);
  await page.keyboard.press(key);
  return page.evaluate(
    (lostMs) =>
      new Promise<number>((resolve) => {
        const w = window as unknown as { marks: unknown[]; t0: number; plots: () => Element[] };
        const check = () => {
          const now = w.plots().map((p) => (p as HTMLElement & { data?: unknown }).data);
          if (now.length > 0 && now.every((d, k) => d !== w.marks[k])) resolve(performance.now() - w.t0);
          else if (performance.now() - w.t0 > lostMs) resolve(Infinity);
          else requestAnimationFrame(check);
        };
        check();
      }),
    LOST_MS,
  );
}
