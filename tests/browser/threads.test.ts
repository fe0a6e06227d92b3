/**
 * The built app served with the COOP/COEP headers of `npm run dev` and `npm run preview`: the page is
 * cross-origin isolated, so the WASM engine runs its products on kernel threads (module Workers sharing one
 * WebAssembly memory), says so, and computes the numbers the float64 reference does (float32 tolerance as in
 * tests/wasm/conformance.test.ts: rel 1e-3, abs 1e-5). Without the headers (every other browser test) the
 * engine runs on one thread and shows no thread count.
 */
import { expect, it } from 'vitest';
import type { RunResult } from '../../src/engine/experiment';
import { builtAppFixture } from './setup';

const app = builtAppFixture({ isolated: true });

it('an isolated page runs the WASM engine on kernel threads with the reference’s numbers', async () => {
  const page = await app.browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const query = 'act=hybrid&knob=0.3&depth=5&width=37&batch=23&sb=0.1&steps=2&lr=0.05';
  await page.goto(`${app.server.url}?backend=wasm&${query}`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const threads = page.getByTestId('threads');
  await threads.waitFor({ timeout: 60_000 });
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  expect(Number(await threads.getAttribute('data-threads'))).toBe(Math.min(4, cores));
  await expect.poll(() => page.getByTestId('engine').getAttribute('data-kind')).toBe('wasm');

  const [wasm, reference] = await page.evaluate((q) => {
    const loz = (window as unknown as { loz: { run: (q: string, o: object) => Promise<RunResult> } }).loz;
    // One console run at a time: a newer run supersedes an older one.
    return loz.run(q, { backend: 'wasm' }).then(async (w) => [w, await loz.run(q, { backend: 'reference' })]);
  }, query);
  expect(wasm.backend).toBe('wasm');
  wasm.layers.forEach((layer, i) => {
    const want = reference.layers[i];
    for (const key of ['preVar', 'postVar', 'gradNorm', 'weightGradNorm', 'knob'] as const) {
      const w = want[key] as number;
      expect(Math.abs((layer[key] as number) - w), `layer ${i + 1} ${key}`).toBeLessThanOrEqual(
        1e-5 + 1e-3 * Math.abs(w),
      );
    }
  });
  expect(errors).toEqual([]);
  await page.close();
});
