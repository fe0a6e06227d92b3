/**
 * Data sets on the page, in real headless Chromium against the built app: the decision boundary drawn and
 * redrawn while the spiral trains, the digits' image grid and confusion matrix, accuracy on the training chart
 * and the status line, one boundary per compared run, the Task controls, the console's accuracy, old links'
 * numbers unchanged, and a hostile `data=` value. Small networks on the WASM engine (SwiftShader WebGPU is slow).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { runExperiment } from '../../src/engine/backend';
import type { LayerStats, RunOutput } from '../../src/engine/experiment';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import { parse } from '../../src/state';
import { builtAppFixture } from './setup';

const app = builtAppFixture();
const SPIRAL = 'data=spiral&depth=4&width=16&batch=32&lr=0.1&backend=wasm&lang=en';

type Plot = HTMLElement & {
  data?: { type: string; name?: string; x?: number[]; z?: number[][] }[];
  layout?: { images?: { source: string }[] };
};

/** A page of its own context (axe-core asks for one), collecting uncaught errors; closed with the page. */
async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => {}));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${app.server.url}?${query}`);
  return { page, errors };
}

const done = (page: Page) =>
  page.waitForFunction(() => document.querySelector('.engine-status')?.getAttribute('data-state') === 'done');

/** The boundary panel's heatmap image (a layout image of the plot), once drawn. */
async function boundaryImage(page: Page, id = 'boundary-0'): Promise<string> {
  await page.waitForFunction((id) => {
    const plot = document.querySelector(`[data-chart="${id}"] .plot`) as Plot | null;
    return (plot?.layout?.images?.[0]?.source ?? '').startsWith('data:image/png');
  }, id);
  return page.evaluate(
    (id) => (document.querySelector(`[data-chart="${id}"] .plot`) as Plot).layout!.images![0].source,
    id,
  );
}

/** The boundary's P(class 1) values from its table view (toggled on and off again). */
async function boundaryTable(page: Page): Promise<number[]> {
  const panel = page.locator('[data-chart="boundary-0"]');
  await panel.getByRole('button', { name: 'Show as table' }).click();
  const cells = await panel.locator('tbody td').allTextContents();
  await panel.getByRole('button', { name: 'Show as chart' }).click();
  return cells.map(Number);
}

describe('a 2-D data set', () => {
  it('draws the decision boundary with the points over it, and redraws it while training', async () => {
    const { page, errors } = await open(SPIRAL);
    await done(page);
    const first = await boundaryImage(page);
    // Training points filled and test points hollow, each class in its own colour and marker shape.
    const traces = await page.evaluate(() =>
      (document.querySelector('[data-chart="boundary-0"] .plot') as Plot).data!.map((t) => [
        t.name,
        t.type,
        t.x!.length,
      ]),
    );
    expect(traces).toEqual([
      ['class 0, training', 'scatter', 200],
      ['class 1, training', 'scatter', 200],
      ['class 0, test', 'scatter', 100],
      ['class 1, test', 'scatter', 100],
    ]);
    const before = await boundaryTable(page);
    expect(before).toHaveLength(40 * 40);
    for (const p of before) expect(p >= 0 && p <= 1).toBe(true);

    // Training redraws the heatmap: two refreshes, each a new image.
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const second = await page.waitForFunction((old) => {
      const plot = document.querySelector('[data-chart="boundary-0"] .plot') as Plot;
      const source = plot.layout?.images?.[0]?.source;
      return source !== old && source;
    }, first);
    const secondSource = (await second.jsonValue()) as string;
    await page.waitForFunction((old) => {
      const plot = document.querySelector('[data-chart="boundary-0"] .plot') as Plot;
      return plot.layout?.images?.[0]?.source !== old;
    }, secondSource);
    // Accuracy is traced at the refresh points, next to the loss and dead units on one step axis.
    await page.waitForFunction(() => {
      const plot = document.querySelector('[data-chart="training"] .plot') as Plot | null;
      const train = plot?.data?.find((t) => t.name === 'training accuracy');
      return (train?.x?.length ?? 0) >= 3;
    });
    await page.getByRole('button', { name: 'Pause' }).click();
    await done(page);
    // The link records the step on screen: the last point of the curves (a live update already on its way
    // when Pause was pressed is not drawn).
    await page.waitForURL(/steps=\d+/);
    const steps = Number(/steps=(\d+)/.exec(page.url())![1]);
    const lastStep = await page.evaluate(() => {
      const loss = (document.querySelector('[data-chart="training"] .plot') as Plot).data![0];
      return loss.x!.at(-1);
    });
    expect(lastStep).toBe(steps);
    const after = await boundaryTable(page);
    expect(after).toHaveLength(before.length);
    expect(after.some((p, i) => Math.abs(p - before[i]) > 1e-3)).toBe(true);
    const names = await page.evaluate(() =>
      (document.querySelector('[data-chart="training"] .plot') as Plot).data!.map((t) => t.name),
    );
    expect(names).toEqual(['loss', 'dead units, all layers', 'training accuracy', 'test accuracy']);
    const accuracy = page.getByTestId('accuracy');
    expect(await accuracy.textContent()).toMatch(
      /^Accuracy: training \d+\.\d %, test \d+\.\d % \(step \d+\)\.$/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws one boundary per compared run, titled with its label', async () => {
    const { page, errors } = await open(`${SPIRAL}&steps=30&vs=act:relu`);
    await done(page);
    await boundaryImage(page, 'boundary-0');
    await boundaryImage(page, 'boundary-1');
    const titles = await page.locator('[data-chart^="boundary-"] h3').allTextContents();
    expect(titles).toEqual(['Decision boundary (ELU)', 'Decision boundary (ReLU)']);
    // Both runs' accuracy on the training chart, in their own styles.
    await page.locator('[data-chart="training"]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const plot = document.querySelector('[data-chart="training"] .plot') as Plot | null;
      return (plot?.data ?? []).filter((t) => t.name?.endsWith('accuracy')).length === 4;
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is chosen in the Task controls, which set a network suited to it and say so; the URL follows', async () => {
    const { page, errors } = await open('backend=wasm&lang=en');
    await done(page);
    await page.getByRole('combobox', { name: 'Data set' }).selectOption('spiral');
    await page.waitForURL(/\?v=1&depth=8&width=64&batch=64&lr=0\.1&data=spiral&backend=wasm&lang=en$/);
    expect(await page.getByTestId('task-note').textContent()).toBe(
      'Network set for this task: depth 8, width 64, batch 64, learning rate 0.1 (was depth 20, width 256, batch 256, learning rate 0.01).',
    );
    expect(await page.getByRole('combobox', { name: 'Loss' }).inputValue()).toBe('xent');
    expect(await page.getByRole('slider', { name: 'Noise (2-D sets)' }).count()).toBe(1);
    expect(await page.getByRole('slider', { name: 'Input mean' }).count()).toBe(0);
    await boundaryImage(page);
    // The loss options against labels: cross-entropy and MSE, not the probe.
    const losses = await page.getByRole('combobox', { name: 'Loss' }).locator('option').allTextContents();
    expect(losses).toEqual(['Cross-entropy (softmax)', 'MSE to one-hot labels']);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the digits', () => {
  it('show test images with predicted labels, mistakes marked, and a confusion matrix of all 360', async () => {
    const { page, errors } = await open(
      'data=digits&depth=2&width=32&batch=64&lr=0.1&steps=15&backend=wasm&lang=en',
    );
    await done(page);
    const digits = page.locator('[data-chart="digits"] li');
    await digits.first().waitFor();
    expect(await digits.count()).toBe(50);
    const cells = await digits.evaluateAll((items) =>
      items.map((li) => ({
        label: Number(li.getAttribute('data-label')),
        predicted: Number(li.getAttribute('data-predicted')),
        wrong: li.classList.contains('wrong'),
        caption: li.querySelector('.digit-caption')?.textContent ?? '',
        name: li.querySelector('canvas')?.getAttribute('aria-label') ?? '',
      })),
    );
    for (const c of cells) {
      expect(c.wrong).toBe(c.label !== c.predicted);
      expect(c.caption.startsWith(String(c.predicted))).toBe(true);
      // A mistake is marked by more than colour: ✗ and the true digit, and named as wrong.
      expect(c.caption.includes('✗')).toBe(c.wrong);
      expect(c.name).toMatch(c.wrong ? /, wrong$/ : /, right$/);
    }
    expect(cells.some((c) => !c.wrong)).toBe(true);
    // The grey levels are drawn: a canvas of 8 × 8 with ink somewhere.
    const inked = await page.evaluate(() => {
      const canvas = document.querySelector('[data-chart="digits"] canvas') as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, 8, 8).data;
      return [canvas.width, canvas.height, pixels.some((v, i) => i % 4 === 0 && v < 128)];
    });
    expect(inked).toEqual([8, 8, true]);

    await page.locator('[data-chart="confusion-0"]').scrollIntoViewIfNeeded();
    const z = await page
      .waitForFunction(() => {
        const plot = document.querySelector('[data-chart="confusion-0"] .plot') as Plot | null;
        return plot?.data?.[0]?.z;
      })
      .then((h) => h.jsonValue() as Promise<number[][]>);
    expect(z).toHaveLength(10);
    expect(z.flat().reduce((a, b) => a + b, 0)).toBe(360);
    // The diagonal is the test accuracy the status line reports.
    const diagonal = z.reduce((sum, row, i) => sum + row[i], 0);
    const testAccuracy = Number(await page.getByTestId('accuracy').getAttribute('data-test-accuracy'));
    expect(diagonal / 360).toBeCloseTo(testAccuracy, 12);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('links and the console', () => {
  it('window.loz.run returns the accuracies of a data-set query, as runExperiment computes them', async () => {
    const { page, errors } = await open('depth=2&width=8&batch=2&lang=en');
    await done(page);
    const query = 'data=circles&depth=3&width=12&batch=16&steps=6&lr=0.1';
    const got: RunOutput = await page.evaluate((q) => window.loz.run(q, { backend: 'reference' }), query);
    const expected = await runExperiment(new ReferenceBackend(), parse(query).experiment);
    expect(got.accuracy).toBe(expected.accuracy);
    expect(got.testAccuracy).toBe(expected.testAccuracy);
    expect(got.loss).toBeCloseTo(expected.loss, 12);
    const wasm: RunOutput = await page.evaluate((q) => window.loz.run(q, { backend: 'wasm' }), query);
    expect(Math.abs(wasm.accuracy! - expected.accuracy!)).toBeLessThanOrEqual(0.01);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps old links’ numbers: pinned reference outputs, and no accuracy without a data set', async () => {
    const { links } = JSON.parse(readFileSync('tests/fixtures/old-links.json', 'utf8')) as {
      links: { query: string; layers: LayerStats[]; loss: number }[];
    };
    const { page, errors } = await open('depth=2&width=8&batch=2&lang=en');
    await done(page);
    for (const link of links) {
      const got: RunOutput = await page.evaluate(
        (q) => window.loz.run(q, { backend: 'reference' }),
        link.query,
      );
      expect(got.accuracy).toBeNull();
      expect(got.testAccuracy).toBeNull();
      got.layers.forEach((layer, i) => {
        for (const [key, value] of Object.entries(link.layers[i]))
          expect(layer[key as keyof LayerStats], `${link.query} layer ${i + 1} ${key}`).toBeCloseTo(
            value,
            12,
          );
      });
      expect(got.loss).toBeCloseTo(link.loss, 12);
    }
    // The default link on the page's own engine: the reference's numbers within float32 tolerance.
    const page0: RunOutput = await page.evaluate(() => window.loz.run('', { backend: 'wasm' }));
    const reference = await runExperiment(new ReferenceBackend(), parse('').experiment);
    expect(page0.accuracy).toBeNull();
    page0.layers.forEach((layer, i) => {
      const want = reference.layers[i];
      expect(Math.abs(layer.postVar - want.postVar)).toBeLessThanOrEqual(1e-4 * want.postVar + 1e-7);
      expect(Math.abs(layer.gradNorm - want.gradNorm)).toBeLessThanOrEqual(1e-3 * want.gradNorm + 1e-9);
      expect(layer.dead).toBe(want.dead);
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a hostile data= value as a working page that says what it ignored', async () => {
    const hostile = 'data=<img src=x onerror=window.pwned=1>&noise=1e999&depth=3&width=8&batch=4&lang=en';
    const { page, errors } = await open(hostile);
    await done(page);
    const warnings = await page.getByTestId('warnings').textContent();
    expect(warnings).toContain('data="<img src=x onerror=window.pwned=1>"');
    expect(warnings).toContain('noise');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    // The random-targets experiment runs: statistics, no task panels.
    expect(await page.getByRole('combobox', { name: 'Data set' }).inputValue()).toBe('none');
    expect(await page.locator('[data-chart^="boundary-"]').count()).toBe(0);
    expect(await page.getByTestId('accuracy').count()).toBe(0);
    await page.locator('[data-chart="signal"]').scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => ((document.querySelector('[data-chart="signal"] .plot') as Plot).data?.length ?? 0) > 0,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no serious or critical accessibility violations with the task panels shown (axe-core)', async () => {
    for (const query of [
      `${SPIRAL}&steps=5`,
      'data=digits&depth=1&width=16&batch=32&steps=3&backend=wasm&lang=zh',
    ]) {
      const { page } = await open(query);
      await done(page);
      await page.locator('[data-chart="training"]').waitFor();
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await page.close();
    }
  });
});
