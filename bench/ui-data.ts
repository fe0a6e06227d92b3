/**
 * The decision boundary's refresh rate while a 2-D data set trains live, in headless Chromium on the built app
 * (issue 16: ≥ 10 boundary refreshes a second training the spiral at depth 8 × width 64 × batch 64). Prints
 * JSON lines { "bench": "ui-data", "hosting", "engine", "metric", "value", "unit", "target", "load" }:
 *   boundaryRefreshHz   redraws of the boundary panel per second over 5 s of training (its heatmap image, a
 *                       layout image of the plot, changed), counted at every animation frame
 *   trainingRefreshHz   redraws of the training chart (loss, accuracy, dead units) per second, the same way
 *   stepsPerSecond      training steps per second meanwhile (the step of the accuracy the status line shows)
 *   framesPerSecond     animation frames the page rendered meanwhile (a refresh shows at a frame)
 * for the page's own engine choice (`auto`), WASM and the float64 reference, served as a plain static host
 * (one WASM thread) and with the COOP/COEP headers of `npm run dev`/`preview` (kernel threads).
 * Run after a build: `npx vite build --outDir /tmp/dist-ui && LOZ_DIST=/tmp/dist-ui npx tsx bench/ui-data.ts`
 * (default dist/). Absolute rates depend on this machine and its load; compare runs on the same machine.
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/browser/chromium';
import { serveBuiltApp } from '../tests/browser/serve';

const QUERY = 'data=spiral&depth=8&width=64&batch=64&lr=0.1';
const ENGINES = ['auto', 'wasm', 'reference'] as const;
const HOSTINGS = ['static', 'isolated'] as const;
const SECONDS = 5;

function print(hosting: string, engine: string, metric: string, value: number, unit: string, target = '') {
  // The machine's 1-minute load average: on 2 shared vCPUs the rates fall with it.
  const load = +loadavg()[0].toFixed(1);
  const line = { bench: 'ui-data', hosting, engine, metric, value: +value.toFixed(2), unit, target, load };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Counts, over `seconds`, the frames at which the boundary's image, the training chart's data and the step changed. */
function countRefreshes(page: Page, seconds: number) {
  return page.evaluate(
    (seconds) =>
      new Promise<{ boundary: number; training: number; steps: number; frames: number }>((resolve) => {
        type Plot = HTMLElement & { layout?: { images?: { source?: string }[] }; data?: unknown };
        const plot = (id: string) => document.querySelector(`[data-chart="${id}"] .plot`) as Plot | null;
        const step = () =>
          Number(document.querySelector('[data-testid="accuracy"]')?.getAttribute('data-step'));
        let image: unknown = plot('boundary-0')?.layout?.images?.[0]?.source;
        let data: unknown = plot('training')?.data;
        let boundary = 0;
        let training = 0;
        let frames = 0;
        const firstStep = step();
        const start = performance.now();
        const tick = () => {
          frames++;
          const nextImage = plot('boundary-0')?.layout?.images?.[0]?.source;
          if (nextImage !== image) [boundary, image] = [boundary + 1, nextImage];
          const nextData = plot('training')?.data;
          if (nextData !== data) [training, data] = [training + 1, nextData];
          if (performance.now() - start < seconds * 1000) requestAnimationFrame(tick);
          else resolve({ boundary, training, steps: step() - firstStep, frames });
        };
        requestAnimationFrame(tick);
      }),
    seconds,
  );
}

async function measure(hosting: (typeof HOSTINGS)[number], engine: (typeof ENGINES)[number]) {
  const server = await serveBuiltApp({ isolated: hosting === 'isolated' });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript('window.__name = (f) => f');
    const backend = engine === 'auto' ? '' : `&backend=${engine}`;
    await page.goto(`${server.url}?${QUERY}${backend}`);
    await page.waitForFunction(
      () => document.querySelector('[data-chart="boundary-0"] .plot image') !== null,
    );
    // As bench/ui.ts: after the service worker's precache, with the page idle.
    await page.evaluate(() =>
      Promise.race([navigator.serviceWorker?.ready, new Promise((done) => setTimeout(done, 10_000))]),
    );
    await page.waitForTimeout(1500);
    const kind = await page.getByTestId('engine').getAttribute('data-kind');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.waitForSelector('[data-chart="training"] .plot');
    await page.waitForTimeout(1000);
    const { boundary, training, steps, frames } = await countRefreshes(page, SECONDS);
    const name = engine === 'auto' ? `auto (${kind})` : engine;
    print(hosting, name, 'boundaryRefreshHz', boundary / SECONDS, 'Hz', '≥ 10');
    print(hosting, name, 'trainingRefreshHz', training / SECONDS, 'Hz');
    print(hosting, name, 'stepsPerSecond', steps / SECONDS, 'steps/s');
    print(hosting, name, 'framesPerSecond', frames / SECONDS, 'Hz');
  } finally {
    await browser.close();
    await server.close();
  }
}

for (const hosting of HOSTINGS) for (const engine of ENGINES) await measure(hosting, engine);
