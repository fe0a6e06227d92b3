/**
 * The playground as a student uses it, in real headless Chromium against the built app: keyboard control,
 * the URL following every change, copied links, Chinese, the engine fallback, accessibility, and screenshots
 * at projector and phone sizes (written to test-artifacts/ for a reviewer).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { builtAppFixture } from './setup';

const SMALL = 'depth=6&width=32&batch=16';
const ARTIFACTS = 'test-artifacts';
const app = builtAppFixture();

beforeAll(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
});

/** The y values of every trace of a chart, as plotly holds them. */
function chartData(page: Page, chart: string): Promise<number[][]> {
  return page.evaluate((id) => {
    const plot = document.querySelector(`[data-chart="${id}"] .plot`) as
      (HTMLElement & { data?: { y: number[] }[] }) | null;
    return (plot?.data ?? []).map((trace) => Array.from(trace.y));
  }, chart);
}

async function waitForCharts(page: Page): Promise<void> {
  // Off-screen charts are drawn when scrolled into view (Chart.tsx): bring the signal chart on screen.
  await page.locator('[data-chart="signal"]').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const plot = document.querySelector('[data-chart="signal"] .plot') as
      (HTMLElement & { data?: unknown[] }) | null;
    return (plot?.data?.length ?? 0) > 0;
  });
}

describe('the playground', () => {
  it('follows α moved with the keyboard: the URL and the charts’ data change', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}?${SMALL}`);
    await waitForCharts(page);
    const before = await chartData(page, 'signal');
    const slider = page.getByRole('slider', { name: 'α (negative saturation)' });
    await slider.focus();
    for (let i = 0; i < 5; i++) await slider.press('ArrowRight');
    await page.waitForURL(/alpha=1\.05/);
    await page.waitForFunction((old) => {
      const plot = document.querySelector('[data-chart="signal"] .plot') as HTMLElement & {
        data?: { y: number[] }[];
      };
      return JSON.stringify(plot.data?.map((t) => Array.from(t.y))) !== old;
    }, JSON.stringify(before));
    expect(await page.getByRole('spinbutton', { name: 'α (negative saturation)' }).inputValue()).toBe('1.05');
    await page.close();
  });

  it('shows no training chart while α moves without training (each experiment starts its own trace)', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}?${SMALL}`);
    await waitForCharts(page);
    const slider = page.getByRole('slider', { name: 'α (negative saturation)' });
    await slider.focus();
    for (let i = 1; i <= 3; i++) {
      await slider.press('ArrowRight');
      await page.waitForURL(new RegExp(`alpha=1\\.0${i}`));
      await page.waitForFunction(
        () => document.querySelector('.engine-status')?.getAttribute('data-state') === 'done',
      );
    }
    // Before the fix every α step added its pass to the trace: a "training" chart of 4 points at step 0.
    expect(await page.locator('[data-chart="training"]').count()).toBe(0);
    await page.close();
  });

  it('keeps the charts in place while α steps (no status line pushing them down and back up)', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${app.server.url}?${SMALL}`);
    await waitForCharts(page);
    await page.waitForFunction(
      () => document.querySelector('.engine-status')?.getAttribute('data-state') === 'done',
    );
    // Every frame, where the first chart is.
    await page.evaluate(() => {
      const w = window as unknown as { tops: Set<number> };
      w.tops = new Set();
      const chart = document.querySelector('[data-chart="signal"]')!;
      const sample = () => {
        w.tops.add(Math.round(chart.getBoundingClientRect().top));
        requestAnimationFrame(sample);
      };
      sample();
    });
    const slider = page.getByRole('slider', { name: 'α (negative saturation)' });
    await slider.focus();
    for (let i = 0; i < 4; i++) {
      await slider.press('ArrowRight');
      await page.waitForFunction(
        () => document.querySelector('.engine-status')?.getAttribute('data-state') === 'done',
      );
    }
    await page.waitForURL(/alpha=1\.04/);
    const tops = await page.evaluate(() => [...(window as unknown as { tops: Set<number> }).tops]);
    expect(tops).toHaveLength(1);
    await page.close();
  });

  it('keeps a chart zoomed by the user while α moves', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${app.server.url}?${SMALL}`);
    await waitForCharts(page);
    type Plot = HTMLElement & { data: { y: number[] }[]; layout: { xaxis: { range?: number[] } } };
    const xRange = () =>
      page.evaluate(() => {
        const plot = document.querySelector('[data-chart="signal"] .plot') as Plot;
        return plot.layout.xaxis.range?.slice();
      });
    // Drag a zoom box across the middle of the plot, as a student would with the mouse.
    const box = (await page.locator('[data-chart="signal"] .nsewdrag').first().boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, y + 2, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.7, y + 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => {
      const plot = document.querySelector('[data-chart="signal"] .plot') as Plot;
      const r = plot.layout.xaxis.range;
      return r !== undefined && r[1] - r[0] < 4;
    });
    const zoomed = await xRange();
    const before = await chartData(page, 'signal');
    const slider = page.getByRole('slider', { name: 'α (negative saturation)' });
    await slider.focus();
    await slider.press('ArrowRight');
    await page.waitForFunction((old) => {
      const plot = document.querySelector('[data-chart="signal"] .plot') as Plot;
      return JSON.stringify(plot.data.map((t) => Array.from(t.y))) !== old;
    }, JSON.stringify(before));
    expect(await xRange()).toEqual(zoomed);
    await page.close();
  });

  it('reopens a copied link with the same controls and the same numbers', async () => {
    const context = await app.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
    const page = await context.newPage();
    await page.goto(`${app.server.url}?${SMALL}&act=selu&in_std=3&seed=42`);
    await waitForCharts(page);
    await page.getByRole('spinbutton', { name: 'Depth (hidden layers)' }).fill('5');
    await page.waitForURL(/depth=5/);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="stats-table"] tbody tr').length === 5,
    );
    await page.getByTestId('copy-link').click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain('depth=5');
    expect(link).toContain('act=selu');

    const reopened = await context.newPage();
    await reopened.goto(link);
    await waitForCharts(reopened);
    await reopened.waitForFunction(
      () => document.querySelectorAll('[data-testid="stats-table"] tbody tr').length === 5,
    );
    for (const name of ['Depth (hidden layers)', 'Input std', 'Seed']) {
      expect(await reopened.getByRole('spinbutton', { name }).inputValue()).toBe(
        await page.getByRole('spinbutton', { name }).inputValue(),
      );
    }
    expect(await reopened.getByRole('combobox', { name: 'Activation function' }).inputValue()).toBe('selu');
    const table = (p: Page) => p.getByTestId('stats-table').locator('tbody').textContent();
    expect(await table(reopened)).toBe(await table(page));
    await context.close();
  });

  it('shows every chart as a table of the same numbers', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}?${SMALL}`);
    await waitForCharts(page);
    const chart = page.locator('[data-chart="signal"]');
    await chart.getByRole('button', { name: 'Show as table' }).click();
    const rows = chart.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(6);
    expect(await chart.locator('thead th').allTextContents()).toContain('pre-activation variance (measured)');
    await chart.getByRole('button', { name: 'Show as chart' }).click();
    await chart.locator('.plot .main-svg').first().waitFor();
    await page.close();
  });

  it('names every series in a legend whose keyboard-pressed entries hide and show them', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}?${SMALL}`);
    await waitForCharts(page);
    const chart = page.locator('[data-chart="signal"]');
    const legend = chart.getByRole('list', { name: /Legend of Mean and variance per layer/ });
    expect(await legend.getByRole('button').allTextContents()).toEqual([
      'pre-activation mean (measured)',
      'post-activation mean (measured)',
      'post-activation mean (mean-field theory)',
      'pre-activation variance (measured)',
      'post-activation variance (measured)',
      'pre-activation variance (mean-field theory)',
      'post-activation variance (mean-field theory)',
    ]);
    // plotly draws no legend of its own on the page.
    expect(await chart.locator('.plot .legend').count()).toBe(0);
    const visibility = () =>
      page.evaluate(() =>
        (
          document.querySelector('[data-chart="signal"] .plot') as HTMLElement & {
            data: { visible?: boolean }[];
          }
        ).data.map((t) => t.visible !== false),
      );
    const entry = legend.getByRole('button', { name: 'post-activation variance (measured)' });
    await entry.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        (
          document.querySelector('[data-chart="signal"] .plot') as HTMLElement & {
            data: { visible?: boolean }[];
          }
        ).data[4].visible === false,
    );
    expect(await entry.getAttribute('aria-pressed')).toBe('false');
    expect(await visibility()).toEqual([true, true, true, true, false, true, true]);
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () =>
        (
          document.querySelector('[data-chart="signal"] .plot') as HTMLElement & {
            data: { visible?: boolean }[];
          }
        ).data[4].visible !== false,
    );
    expect(await entry.getAttribute('aria-pressed')).toBe('true');
    await page.close();
  });

  it('speaks Chinese with lang=zh', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}?${SMALL}&lang=zh`);
    await waitForCharts(page);
    expect(await page.locator('h1').textContent()).toBe('零点左侧');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByRole('heading', { name: '各层均值与方差' }).count()).toBe(1);
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.waitForURL(/lang=en/);
    expect(await page.locator('h1').textContent()).toBe('Left of Zero');
    await page.close();
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.server.url}?${SMALL}&act=hybrid&knob=0.5&steps=3`);
    await waitForCharts(page);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  });

  it('lays out at projector (1280×720) and phone (375 px) sizes without horizontal scrolling', async () => {
    for (const [name, width, height] of [
      ['projector', 1280, 720],
      ['phone', 375, 812],
    ] as const) {
      const page = await app.browser.newPage({ viewport: { width, height } });
      await page.goto(`${app.server.url}?${SMALL}&steps=5`);
      await waitForCharts(page);
      for (const chart of await page.locator('.chart').all()) await chart.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${ARTIFACTS}/playground-${name}.png`, fullPage: name === 'phone' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.close();
    }
  });
});

describe('without WebGPU', () => {
  it('falls back to WASM and says why', async () => {
    const plain = await launchChromium({ webgpu: false });
    try {
      const page = await plain.newPage();
      await page.goto(`${app.server.url}?${SMALL}`);
      const engine = page.getByTestId('engine');
      await engine.waitFor();
      expect(await engine.getAttribute('data-kind')).toBe('wasm');
      expect(await engine.textContent()).toMatch(/WebGPU is unavailable \(.+\); using WASM-SIMD/);
    } finally {
      await plain.close();
    }
  });
});

describe('the theory panel', () => {
  it('draws the phase diagram with the experiment as a cursor, and a click writes σ_w², σ_b² to the URL', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.server.url}?${SMALL}&act=selu&in_std=2`);
    await waitForCharts(page);
    await page.getByText('Theory: phase diagram and SELU’s fixed point').click();
    await page.locator('[data-chart="phase"]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const plot = document.querySelector('[data-chart="phase"] .plot') as
        (HTMLElement & { data?: { type: string }[] }) | null;
      return plot?.data?.[0]?.type === 'heatmap';
    });
    const cursor = await page.evaluate(() => {
      const plot = document.querySelector('[data-chart="phase"] .plot') as HTMLElement & {
        layout: { shapes: { xanchor: number; yanchor: number }[] };
      };
      return [plot.layout.shapes[0].xanchor, plot.layout.shapes[0].yanchor];
    });
    expect(cursor).toEqual([1, 0]); // LeCun: σ_w² = 1, no bias
    await page.waitForSelector('[data-chart="selu-plane"] .plot');

    // Click the heatmap's right half near the top: a chaotic point, which becomes a custom init.
    const plotArea = page.locator('[data-chart="phase"] .nsewdrag').first();
    await plotArea.scrollIntoViewIfNeeded();
    const box = (await plotArea.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.2);
    await page.waitForURL(/init=custom/);
    const url = new URL(page.url());
    expect(Number(url.searchParams.get('sw')) ** 2).toBeGreaterThan(2.5);
    expect(Number(url.searchParams.get('sb')) ** 2).toBeGreaterThan(0.5);
    await page.close();
  });
});
