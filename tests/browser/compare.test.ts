/**
 * Compared runs (`vs`) as a teacher uses them, in real headless Chromium against the built app: three runs on
 * every chart with a legend naming them, the table view listing them, each run's numbers equal to a run of its
 * own query, runs added, pinned and removed from the controls with the URL following, live training of all
 * runs, and the WebGPU engine computing compared runs like their own queries.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunOutput } from '../../src/engine/experiment';
import { builtAppFixture } from './setup';

const SMALL = 'depth=6&width=32&batch=16';
const app = builtAppFixture();

type Trace = { name: string; y: (number | null)[] };

/** Each trace of a chart, by name, as plotly holds it. */
function traces(page: Page, chart: string): Promise<Trace[]> {
  return page.evaluate((id) => {
    const plot = document.querySelector(`[data-chart="${id}"] .plot`) as
      (HTMLElement & { data?: { name: string; y: number[] }[] }) | null;
    return (plot?.data ?? []).map((t) => ({ name: t.name, y: Array.from(t.y) }));
  }, chart);
}

async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${app.server.url}?${query}`);
  await done(page);
  return { page, errors };
}

/** Waits until the engine has finished and the per-layer charts are drawn with `runs` runs. */
async function done(page: Page, runs?: number): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('.engine-status')?.getAttribute('data-state') === 'done',
  );
  for (const id of ['signal', 'gradient', 'dead']) {
    await page.locator(`[data-chart="${id}"]`).scrollIntoViewIfNeeded();
    await page.waitForFunction(
      ({ id, runs }) => {
        const plot = document.querySelector(`[data-chart="${id}"] .plot`) as
          (HTMLElement & { data?: { name: string }[] }) | null;
        const names = (plot?.data ?? []).map((t) => t.name);
        if (names.length === 0) return false;
        if (runs === undefined) return true;
        // A trace is named "<run label> · <quantity>", and a label may hold " · " itself.
        return new Set(names.map((n) => n.slice(0, n.lastIndexOf(' · ')))).size === runs;
      },
      { id, runs },
    );
  }
}

/** The measured trace of `label`'s `series` ("post-activation mean (measured)"). */
const measured = (all: Trace[], label: string, series: string) =>
  all.find((t) => t.name === `${label} · ${series}`);

describe('compared runs', () => {
  it('draws ReLU, ELU and SELU on every chart, named in the legend and the table, each equal to its own query', async () => {
    const query = `act=relu&${SMALL}&vs=act:elu&vs=act:selu`;
    const { page, errors } = await open(query);
    const labels = ['ReLU', 'ELU', 'SELU'];
    for (const id of ['signal', 'gradient', 'dead']) {
      const names = (await traces(page, id)).map((t) => t.name);
      for (const label of labels)
        expect(
          names.some((n) => n.startsWith(`${label} · `)),
          `${id}: ${label}`,
        ).toBe(true);
      const legend = await page.locator(`[data-chart="${id}"] .legend`).innerText();
      for (const label of labels) expect(legend).toContain(`${label} · `);
    }
    // The table view ("All numbers") lists one table per run, captioned by its label.
    await page.getByText('All numbers').click();
    const tables = page.getByTestId('stats-table');
    expect(await tables.count()).toBe(3);
    expect(await tables.evaluateAll((ts) => ts.map((t) => t.getAttribute('data-run')))).toEqual(labels);

    // Each run's charted numbers are those of a run of its own query on the page's engine.
    const own = ['act=relu', 'act=elu', 'act=selu'].map((a) => `${a}&${SMALL}`);
    const signal = await traces(page, 'signal');
    const gradient = await traces(page, 'gradient');
    for (const [i, q] of own.entries()) {
      const alone = await page.evaluate((q) => window.loz.run(q), q);
      const mean = measured(signal, labels[i], 'post-activation mean (measured)')!.y;
      const variance = measured(signal, labels[i], 'post-activation variance (measured)')!.y;
      const grad = measured(gradient, labels[i], '‖∂L/∂h‖ (measured)')!.y;
      alone.layers.forEach((layer, l) => {
        expect(mean[l]).toBeCloseTo(layer.postMean, 12);
        expect(variance[l]).toBeCloseTo(layer.postVar, 12);
        expect(grad[l]).toBeCloseTo(layer.gradNorm, 12);
      });
    }
    // The console returns the same list: the main run plus "compare".
    const out: RunOutput = await page.evaluate((q) => window.loz.run(q), query);
    expect(out.compare?.map((c) => c.experiment.act)).toEqual(['elu', 'selu']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('adds, pins and removes runs from the controls, the URL following; a pinned run stays while α moves', async () => {
    const { page, errors } = await open(SMALL);
    await page.getByLabel('Compare with activation').selectOption('relu');
    await page.waitForURL(/vs=act:relu$/);
    await done(page, 2);
    // Pin ELU α = 1, then move the main run's α: the pinned run keeps its own.
    await page.getByRole('button', { name: 'Pin these settings as a run' }).click();
    await page.waitForURL(/vs=act:relu&vs=act:elu,alpha:1,init:lecun,dist:normal,sb:0$/);
    const slider = page.getByRole('slider', { name: 'α (negative saturation)' });
    await slider.focus();
    await slider.press('ArrowRight');
    await page.waitForURL(/alpha=1\.01&.*vs=act:relu&vs=/);
    await done(page, 3);
    const names = (await traces(page, 'signal')).map((t) => t.name);
    expect(names).toContain('ELU α = 1.01 · post-activation mean (measured)');
    expect(names).toContain('ELU α = 1 · post-activation mean (measured)');
    expect(names).toContain('ReLU · post-activation mean (measured)');
    // Remove the ReLU run.
    await page.getByRole('button', { name: 'Remove compared run ReLU' }).click();
    await page.waitForURL((url) => !url.search.includes('act:relu') && url.search.includes('vs=act:elu'));
    await done(page, 2);
    expect((await traces(page, 'signal')).some((t) => t.name.startsWith('ReLU'))).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a link with broken compared runs as a working page that says what it ignored', async () => {
    const hostile = `${SMALL}&vs=act:elux&vs=lang:zh,depth:abc&vs=foo:1&vs=act:relu&vs=seed:2&vs=seed:3&vs=seed:4`;
    const { page, errors } = await open(hostile);
    const warnings = await page.getByTestId('warnings').textContent();
    expect(warnings).toContain('act="elux" is not one of');
    expect(warnings).toContain('"lang" is a page setting');
    expect(warnings).toContain('depth="abc" is not a number');
    expect(warnings).toContain('unknown key "foo"');
    expect(warnings).toContain('At most 3 compared runs');
    // The usable runs are drawn: ReLU and seeds 2 and 3 beside the main run (seed 4 is a 4th, ignored).
    await done(page, 4);
    await page.waitForURL(/vs=act:relu&vs=seed:2&vs=seed:3$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains every run live: the training chart has a loss curve per run', async () => {
    const { page, errors } = await open(`act=relu&${SMALL}&lr=0.1&vs=act:elu`);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.locator('[data-chart="training"]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const plot = document.querySelector('[data-chart="training"] .plot') as
        (HTMLElement & { data?: { name: string; x: number[] }[] }) | null;
      const loss = (plot?.data ?? []).filter((t) => t.name.endsWith('· loss'));
      return loss.length === 2 && loss.every((t) => t.x.length >= 5);
    });
    await page.getByRole('button', { name: /^Pause/ }).click();
    await page.waitForURL(/steps=\d+/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the WebGPU engine computes compared runs exactly as their own queries, and close to the reference', async () => {
    const { page, errors } = await open('depth=2&width=8&batch=2');
    const query = 'act=relu&depth=3&width=16&batch=8&steps=2&lr=0.1&vs=act:elu&vs=act:selu,seed:5';
    const out: RunOutput = await page.evaluate((q) => window.loz.run(q, { backend: 'webgpu' }), query);
    expect(out.backend).toBe('webgpu');
    const own = [
      'act=elu&depth=3&width=16&batch=8&steps=2&lr=0.1',
      'act=selu&depth=3&width=16&batch=8&steps=2&lr=0.1&seed=5',
    ];
    for (const [i, q] of own.entries()) {
      const alone = await page.evaluate((q) => window.loz.run(q, { backend: 'webgpu' }), q);
      expect(out.compare![i].experiment).toEqual(alone.experiment);
      expect(out.compare![i].layers).toEqual(alone.layers);
      const reference = await page.evaluate((q) => window.loz.run(q, { backend: 'reference' }), q);
      reference.layers.forEach((layer, l) => {
        expect(out.compare![i].layers[l].postVar).toBeCloseTo(layer.postVar, 4);
        expect(out.compare![i].layers[l].gradNorm / layer.gradNorm).toBeCloseTo(1, 3);
      });
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
