/**
 * A paired A/B of the playground's input→chart latency between two built apps (issue 5): two headless
 * Chromiums, one per build, their α sliders pressed alternately, so the load of this shared host falls on both
 * builds alike. The latency of one press is measured as in bench/ui.ts (bench/press.ts: key press → every visible
 * per-layer chart holds new data); presses are PAUSE_MS apart, so each press's follow-up work (histograms)
 * has run before the next press, and each side of a pair goes first in every other pair.
 *
 *   npx tsx bench/ui-pair.ts <built app A> <built app B> [isolated|static] [pairs]
 *
 * e.g. build the base revision into /tmp/a (`git worktree add`, `npm run build -- --outDir /tmp/a --emptyOutDir`), the change
 * into /tmp/b, then compare. Prints JSON lines: one per build { "bench": "ui-pair", "root", "medianMs",
 * "p95Ms", "meanMs" }, then { "bench": "ui-pair", "pairs", "meanDiffMs", "medianDiffMs" } with B − A per pair
 * (negative: B is faster).
 */
import { launchChromium } from '../tests/browser/chromium';
import { serveBuiltApp } from '../tests/browser/serve';
import { LIVE_PLOTS, pressAndMeasure } from './press';

const [rootA, rootB, hosting = 'isolated', pairsArg = '60'] = process.argv.slice(2);
if (!rootA || !rootB || !['isolated', 'static'].includes(hosting) || !(Number(pairsArg) > 0)) {
  process.stderr.write(
    'usage: npx tsx bench/ui-pair.ts <built app A> <built app B> [isolated|static] [pairs]\n',
  );
  process.exit(2);
}
const PAIRS = Math.floor(Number(pairsArg));
/** Between two presses, in ms: a press's histograms (150 ms after its result) are drawn before the next. */
const PAUSE_MS = 200;
/** The per-layer charts whose data every α step changes, under either build's chart ids (before 2b77fc1 the
 * signal chart was two: mean and variance). */
const PLOTS = `${LIVE_PLOTS}, [data-chart="mean"] .plot, [data-chart="variance"] .plot`;

async function open(root: string) {
  const server = await serveBuiltApp({ isolated: hosting === 'isolated', root });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  // tsx compiles with esbuild's keepNames, whose `__name` helper the page does not have.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(`${server.url}?backend=wasm`);
  await page.waitForSelector('[data-chart="gradient"] .plot .main-svg');
  await page.evaluate(() =>
    Promise.race([navigator.serviceWorker?.ready, new Promise((done) => setTimeout(done, 10_000))]),
  );
  await page.getByRole('slider', { name: 'α (negative saturation)' }).focus();
  return { root, server, browser, page, latencies: [] as number[] };
}

const sides = [await open(rootA), await open(rootB)];
try {
  await new Promise((done) => setTimeout(done, 1500));
  for (let i = 0; i < PAIRS; i++) {
    const key = i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft';
    for (const side of i % 4 < 2 ? sides : [...sides].reverse()) {
      side.latencies.push(await pressAndMeasure(side.page, key, PLOTS));
      await new Promise((done) => setTimeout(done, PAUSE_MS));
    }
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const at = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const round = (x: number) => +x.toFixed(1);
  for (const { root, latencies } of sides) {
    const line = { bench: 'ui-pair', hosting, root, medianMs: round(at(latencies, 0.5)) };
    const spread = { p95Ms: round(at(latencies, 0.95)), meanMs: round(mean(latencies)) };
    process.stdout.write(`${JSON.stringify({ ...line, ...spread })}\n`);
  }
  const diff = sides[1].latencies.map((b, i) => b - sides[0].latencies[i]);
  const summary = { meanDiffMs: round(mean(diff)), medianDiffMs: round(at(diff, 0.5)) };
  process.stdout.write(`${JSON.stringify({ bench: 'ui-pair', hosting, pairs: PAIRS, ...summary })}\n`);
} finally {
  for (const side of sides) {
    await side.browser.close();
    await side.server.close();
  }
}
