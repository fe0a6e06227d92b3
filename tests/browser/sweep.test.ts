/**
 * The sweep view (issue 17) in real headless Chromium against the built app: a link with a sweep fills its
 * heatmap cell by cell with the theory's edge of chaos over it, a click on a cell opens that experiment (the
 * URL follows), a large sweep is cancelled and the page still runs its main experiment, the section passes axe,
 * and a hostile sweep key is a warning, not a broken page. With LOZ_SWEEP_TIMING=1, also the speed
 * workload (16 × 16 cells of σ_w × σ_b at depth 50, width 256, batch 128), timed as the page shows it.
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { builtAppFixture } from './setup';

const app = builtAppFixture();
const SMALL = 'act=relu&loss=probe&depth=6&width=32&batch=16';
const EDGE = 'edge of chaos (theory, χ = 1)';

type Trace = {
  text?: string[][];
  name?: string;
  type?: string;
  x: (number | null)[];
  y: (number | null)[];
  z?: (number | null)[][];
};

async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${app.server.url}?${query}`);
  return { page, errors };
}

/** The sweep plot's traces, as plotly holds them. */
function traces(page: Page): Promise<Trace[]> {
  return page.evaluate(() => {
    const plot = document.querySelector('#sweep .sweep-plot') as (HTMLElement & { data?: Trace[] }) | null;
    return JSON.parse(JSON.stringify(plot?.data ?? [])) as Trace[];
  });
}

const sweepState = (page: Page) => page.locator('#sweep').getAttribute('data-state');

/** Waits until the sweep has finished and its heatmap shows `cells` measured cells. */
async function filled(page: Page, cells: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('#sweep')?.getAttribute('data-state') === 'done',
    null,
    { timeout },
  );
  await page.waitForFunction(
    (cells) => {
      const plot = document.querySelector('#sweep .sweep-plot') as
        (HTMLElement & { data?: { type?: string; z?: (number | null)[][] }[] }) | null;
      const z = plot?.data?.find((t) => t.type === 'heatmap')?.z ?? [];
      return z.flat().filter((v) => v !== null).length === cells;
    },
    cells,
    { timeout: 30_000 },
  );
}

/** Clicks the heatmap's cell at (x, y) in data units, as a user would. */
async function clickCell(page: Page, x: number, y: number): Promise<void> {
  const at = await page.evaluate(
    ({ x, y }) => {
      const plot = document.querySelector('#sweep .sweep-plot') as HTMLElement & {
        _fullLayout: {
          _size: { l: number; t: number };
          xaxis: { l2p(v: number): number };
          yaxis: { l2p(v: number): number };
        };
      };
      plot.scrollIntoView({ block: 'center' });
      const box = plot.getBoundingClientRect();
      const layout = plot._fullLayout;
      return {
        x: box.left + layout._size.l + layout.xaxis.l2p(x),
        y: box.top + layout._size.t + layout.yaxis.l2p(y),
      };
    },
    { x, y },
  );
  await page.mouse.move(at.x - 3, at.y - 3);
  await page.mouse.move(at.x, at.y);
  await page.mouse.click(at.x, at.y);
}

describe('the sweep view', () => {
  it('fills a linked sweep with the theory edge over it; a cell click opens that experiment; axe is clean', async () => {
    const { page, errors } = await open(`${SMALL}&sx=sw:0.8:2:7&sy=sb:0:0.5:3`);
    await filled(page, 21);
    const all = await traces(page);
    const heatmap = all.find((t) => t.type === 'heatmap')!;
    expect(heatmap.x).toEqual([0.8, 1, 1.2, 1.4, 1.6, 1.8, 2]);
    expect(heatmap.y).toEqual([0, 0.25, 0.5]);
    // χ of ReLU is σ_w²/2: below 1 (log < 0) at σ_w = 0.8, above at 2, whatever σ_b.
    for (const row of heatmap.z!) {
      expect(row[0]!).toBeLessThan(0);
      expect(row[6]!).toBeGreaterThan(0);
    }
    // The theory's edge: ReLU's χ = σ_w²/2 is 1 at σ_w = √2 on every row (a vertical line), once the theory lands.
    await page.waitForFunction((name) => {
      const plot = document.querySelector('#sweep .sweep-plot') as
        (HTMLElement & { data?: { name?: string; x: (number | null)[] }[] }) | null;
      return (plot?.data?.find((t) => t.name === name)?.x ?? []).some((v) => v !== null);
    }, EDGE);
    const edge = (await traces(page)).find((t) => t.name === EDGE)!;
    for (const x of edge.x.filter((v): v is number => v !== null)) expect(x).toBeCloseTo(Math.SQRT2, 1);
    // The current experiment (LeCun: σ_w = 1, σ_b = 0) is the ring.
    const ring = (await traces(page)).find((t) => t.name === 'current experiment')!;
    expect([ring.x[0], ring.y[0]]).toEqual([1, 0]);
    // The text alternative says where χ crosses 1, measured (a narrow net of 6 layers: a little below √2) and in
    // theory.
    const summary = await page.getByTestId('sweep-summary').innerText();
    expect(summary).toMatch(/Measured, it crosses 1 at σ_w ≈ 1\.[2-4]/);
    expect(summary).toContain('The theory puts the crossing at σ_w ≈ 1.42.');

    await clickCell(page, 1.6, 0.25);
    await page.waitForURL(/sw=1\.6/);
    expect(page.url()).toMatch(/sb=0\.25/);
    expect(page.url()).toMatch(/init=custom/);
    // The sweep stays in the URL, and the ring moves to the opened cell.
    expect(decodeURIComponent(page.url())).toContain('sx=sw:0.8:2:7&sy=sb:0:0.5:3');
    await page.waitForFunction(() => {
      const plot = document.querySelector('#sweep .sweep-plot') as
        (HTMLElement & { data?: { name?: string; x: number[] }[] }) | null;
      return plot?.data?.find((t) => t.name === 'current experiment')?.x[0] === 1.6;
    });
    await page.waitForFunction(
      () => document.querySelector('.engine-status')?.getAttribute('data-state') === 'done',
    );

    const results = await new AxeBuilder({ page }).include('#sweep').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens from the controls and from the phase diagram; Cancel stops a large sweep and the page stays usable', async () => {
    const { page, errors } = await open('act=elu&loss=probe&depth=50&width=256&batch=128');
    await page.waitForFunction(
      () => document.querySelector('.engine-status')?.getAttribute('data-state') === 'done',
    );
    // "Sweep…" opens the form without running it; the URL holds the sweep.
    await page.getByTestId('open-sweep').click();
    await expect.poll(() => sweepState(page)).toBe('idle');
    await page.waitForURL(/sx=sw:0\.5:2\.5:16/);
    await page.getByRole('button', { name: 'Close the sweep' }).click();
    await expect.poll(() => page.locator('#sweep').count()).toBe(0);
    await page.waitForURL((url) => !url.search.includes('sx='));

    // "Measure this diagram" runs σ_w × σ_b over the diagram's range.
    await page.getByText('Theory: phase diagram and SELU’s fixed point').click();
    await page.getByTestId('measure-diagram').click();
    await expect.poll(() => sweepState(page)).toBe('running');
    await page.waitForURL(/sx=sw:0\.316:2:16&sy=sb:0:1:16/);
    await page.waitForFunction(
      () => Number(document.querySelector('#sweep')?.getAttribute('data-done')) > 0,
      null,
      {
        timeout: 30_000,
      },
    );
    await page.getByTestId('sweep-cancel').click();
    await expect.poll(() => sweepState(page)).toBe('cancelled');
    const done = Number(await page.locator('#sweep').getAttribute('data-done'));
    expect(done).toBeLessThan(256);
    // The cells measured so far stay on the map (a cell whose gradient underflowed to 0 has no χ: a gap, but
    // measured).
    await expect
      .poll(async () => {
        const heatmap = (await traces(page)).find((t) => t.type === 'heatmap')!;
        return heatmap.text!.flat().filter((s) => !s.includes('not measured yet')).length;
      })
      .toBe(done);

    // The page still runs its main experiment: a smaller depth reruns and the charts follow.
    await page.getByRole('spinbutton', { name: 'Depth (hidden layers)' }).fill('5');
    await page.waitForURL(/depth=5/);
    await page.waitForFunction(
      () =>
        document.querySelector('.engine-status')?.getAttribute('data-state') === 'done' &&
        document.querySelector('[data-testid="loss"]') !== null,
    );
    // …and the sweep says its grid is out of date.
    await expect.poll(() => page.getByTestId('sweep-stale').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a hostile sweep key as a warning and runs the page without the sweep', async () => {
    const { page, errors } = await open(
      `${SMALL}&sx=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E:0:1:4&metric=nope`,
    );
    const warnings = page.getByTestId('warnings');
    await warnings.waitFor();
    expect(await warnings.innerText()).toContain('cannot be swept');
    await page.waitForFunction(
      () => document.querySelector('.engine-status')?.getAttribute('data-state') === 'done',
    );
    expect(await page.locator('#sweep').count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('window.loz.sweep returns loz sweep’s object: each cell the χ of its own run, the theory beside it', async () => {
    const { page, errors } = await open('depth=2&width=8&batch=4');
    await page.waitForFunction(() => (window as unknown as { loz?: { backend: unknown } }).loz?.backend);
    const out = await page.evaluate(async () => {
      type Api = {
        sweep(
          q: string,
          o: object,
        ): Promise<{ x: { values: number[] }; cells: number[][]; theory: number[][] } & object>;
        run(q: string, o: object): Promise<{ layers: { gradNorm: number }[] }>;
      };
      const loz = (window as unknown as { loz: Api }).loz;
      const base = 'act=relu&loss=probe&depth=4&width=16&batch=8';
      const sweep = await loz.sweep(`${base}&sx=sw:1:2:3`, { backend: 'wasm' });
      const own = await loz.run(`${base}&init=custom&sw=1.5`, { backend: 'wasm' });
      const g = own.layers.map((l) => l.gradNorm);
      const chi = (g[0] / g[g.length - 1]) ** (2 / (g.length - 1));
      return { keys: Object.keys(sweep), sweep, chi };
    });
    expect(out.keys).toEqual(['backend', 'experiment', 'x', 'y', 'metric', 'cells', 'theory', 'ms']);
    expect(out.sweep.x.values).toEqual([1, 1.5, 2]);
    expect(out.sweep.cells[0][1]).toBeCloseTo(out.chi, 12);
    // ReLU: χ = σ_w²/2 in theory.
    out.sweep.theory[0].forEach((c, i) => expect(c).toBeCloseTo(out.sweep.x.values[i] ** 2 / 2, 10));
    await expect(
      page.evaluate(() =>
        (window as unknown as { loz: { sweep(q: string): Promise<unknown> } }).loz.sweep('depth=3'),
      ),
    ).rejects.toThrow(/sx=KEY:FROM:TO:N/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs the SELU scene’s sweep step when the lesson opens it', async () => {
    const { page, errors } = await open('lesson=selu&step=4');
    await expect.poll(() => page.locator('#sweep').getAttribute('data-total')).toBe('55');
    await expect.poll(() => sweepState(page)).toMatch(/running|done/);
    await page.waitForURL(/sx=sw:0\.8:1\.3:11&sy=in_std:0\.3:3:5log&metric=var/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.runIf(process.env.LOZ_SWEEP_TIMING === '1')(
    'times the issue’s workload: 16 × 16 σ_w × σ_b, depth 50, width 256, batch 128, probe loss, χ',
    async () => {
      const { page } = await open(
        'act=elu&loss=probe&depth=50&width=256&batch=128&sx=sw:0.5:2.5:16&sy=sb:0:1:16&backend=wasm',
      );
      const section = page.locator('#sweep');
      // Twice: as the link opens it (the sweep starts while the page loads and runs the link's own
      // experiment), then as a user's "Run the sweep" on the loaded page.
      for (const when of ['on opening the link', 'run again on the loaded page']) {
        if (when !== 'on opening the link') {
          await section.getByRole('button', { name: /run the sweep/i }).click();
          await page.waitForFunction(
            () => document.querySelector('#sweep')?.getAttribute('data-state') === 'running',
          );
        }
        await filled(page, 256, 170_000);
        await page.waitForFunction(() => document.querySelector('#sweep')?.hasAttribute('data-first-row-ms'));
        const timing = {
          when,
          engine: await section.getAttribute('data-engine'),
          firstRowMs: Number(await section.getAttribute('data-first-row-ms')),
          workerMs: Number(await section.getAttribute('data-ms')),
          pageMs: Number(await section.getAttribute('data-wall-ms')),
        };
        console.log(`sweep timing: ${JSON.stringify(timing)}`);
      }
      await page.close();
    },
    400_000,
  );
});
