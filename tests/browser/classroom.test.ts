/**
 * The classroom kit in real headless Chromium against the built app: the page's link as a QR code that decodes
 * to that link, lesson navigation as real links (a plain click stays in the page, a ctrl-click opens a tab), the
 * sidebar's sections within one click on a projector, a lesson first on a phone, no sideways scrolling at
 * 375 px, and no serious accessibility violation with the QR code shown.
 */
import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { DEFAULT_EXPERIMENT, DEFAULT_VIEW, SCENE_IDS, serialize, type SceneId } from '../../src/state';
import { builtAppFixture } from './setup';

const SMALL = 'depth=6&width=32&batch=16';
const app = builtAppFixture();

/** A page of its own context (axe-core asks for one), closed with the page. */
async function open(query: string, width = 1280, height = 720): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => {}));
  await page.goto(`${app.server.url}?${query}`);
  return page;
}

/** The address a scene step's link should carry: the lesson and the page settings, no experiment. */
function expectedHref(scene: SceneId, step: number, settings: { lang?: 'en' | 'zh'; present?: number }) {
  return `?${serialize(DEFAULT_EXPERIMENT, { ...DEFAULT_VIEW, ...settings, lesson: scene, step })}`;
}

/**
 * The QR code as the page draws it, rasterized on a canvas in the page and decoded here with jsQR, next to
 * the page's own address read in the same instant.
 */
async function decodeQr(page: Page): Promise<{ text: string | null; href: string }> {
  const size = 480;
  const { pixels, href } = await page.evaluate(async (side) => {
    const svg = document.querySelector('[data-testid="qr-code"]')!.cloneNode(true) as SVGSVGElement;
    svg.setAttribute('width', String(side));
    svg.setAttribute('height', String(side));
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0, side, side);
    return {
      pixels: Array.from(context.getImageData(0, 0, side, side).data),
      href: window.location.href,
    };
  }, size);
  const code = jsQR(Uint8ClampedArray.from(pixels), size, size);
  return { text: code?.data ?? null, href };
}

/** Whether the element is on screen and not covered or clipped away (the point at its centre hits it). */
function shown(page: Page, selector: string, index: number): Promise<boolean> {
  return page.evaluate(
    ([sel, i]) => {
      const element = document.querySelectorAll(sel)[i as number];
      const box = element.getBoundingClientRect();
      const x = box.left + Math.min(box.width / 2, 20);
      const y = box.top + box.height / 2;
      if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return false;
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (hit === element || element.contains(hit));
    },
    [selector, index] as const,
  );
}

describe('the QR code of the page’s link', () => {
  it('is hidden in presentation mode until asked for, large, decodes to the page’s own address, and closes', async () => {
    const page = await open(`lesson=icnn&present=1&act=elu&${SMALL}`);
    await page.locator('.present').waitFor();
    expect(await page.getByTestId('qr-code').count()).toBe(0);

    await page.getByRole('button', { name: 'Show QR code' }).click();
    const dialog = page.getByRole('dialog', { name: 'Scan to open this page' });
    await dialog.waitFor();
    // The page writes its URL 250 ms after loading; the dialog follows it.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="qr-link"]')?.textContent === window.location.href,
    );
    const { text, href } = await decodeQr(page);
    expect(href).toContain('lesson=icnn');
    expect(text).toBe(href);
    expect(await page.getByTestId('qr-link').textContent()).toBe(href);
    const box = (await page.getByTestId('qr-code').boundingBox())!;
    expect(box.height).toBeGreaterThan(720 * 0.5);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(720);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Show QR code' }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.close();
  });

  it('speaks Chinese and has no serious or critical accessibility violations when shown (axe-core)', async () => {
    const page = await open(`lesson=selu&present=1&lang=zh&${SMALL}`);
    await page.getByRole('button', { name: '显示二维码' }).click();
    await page.getByRole('dialog', { name: '扫码打开本页' }).waitFor();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.close();
  });
});

describe('lesson navigation as real links', () => {
  it('lists scenes as <a href> carrying the page settings; a plain click opens the scene in the page', async () => {
    const page = await open(`lesson=index&lang=zh&${SMALL}`);
    const links = page.locator('a[data-scene-link]');
    await links.first().waitFor();
    expect(await links.count()).toBe(SCENE_IDS.length);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(SCENE_IDS.map((id) => expectedHref(id, 1, { lang: 'zh' })));
    expect(hrefs[2]).toBe('?v=1&lang=zh&lesson=selu');

    // No reload: a marker set on the window survives the click.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await links.nth(2).click();
    await page.waitForURL(/lesson=selu/);
    await page.locator('#lesson-title').waitFor();
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await page.close();
  });

  it('makes previous, next, all scenes and the free playground links; ctrl-click opens a tab', async () => {
    const page = await open(`lesson=selu&step=1&present=1&${SMALL}`);
    const nav = page.getByRole('navigation', { name: 'Lesson navigation' });
    await nav.waitFor();
    const previous = nav.getByRole('link', { name: /Previous/ });
    const next = nav.getByRole('link', { name: /Next/ });
    const gradients = 'gradients-through-time';
    const lastOfGradients = (await import('../../src/lessons/scenes')).SCENES.find((s) => s.id === gradients)!
      .text.en.steps.length;
    expect(await previous.getAttribute('href')).toBe(
      expectedHref(gradients, lastOfGradients, { present: 1 }),
    );
    expect(await next.getAttribute('href')).toBe(expectedHref('selu', 2, { present: 1 }));
    expect(await next.getAttribute('href')).toBe('?v=1&lesson=selu&step=2&present=1');
    const index = nav.getByRole('link', { name: 'All scenes' });
    expect(await index.getAttribute('href')).toMatch(/lesson=index/);
    const playground = page.getByRole('link', { name: 'Free playground' });
    const leave = (await playground.getAttribute('href'))!;
    expect(leave).not.toMatch(/lesson=/);
    expect(leave).toMatch(/depth=6/);

    // A modified click keeps the browser's behaviour: a new tab at the link, this page unchanged.
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      next.click({ modifiers: ['Control'] }),
    ]);
    await tab.waitForURL(/lesson=selu&step=2/);
    await tab.close();
    expect(await page.locator('.lesson').getAttribute('data-step')).toBe('1');

    // A plain click moves in the page.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await next.click();
    await page.waitForURL(/lesson=selu&step=2/);
    await index.click();
    await page.waitForURL(/lesson=index/);
    await page.getByRole('link', { name: 'Free playground' }).click();
    await page.waitForURL((url) => !url.search.includes('lesson='));
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await page.close();
  });

  it('links the first step of the first scene forward only', async () => {
    const page = await open(`lesson=${SCENE_IDS[0]}&${SMALL}`);
    const nav = page.getByRole('navigation', { name: 'Lesson navigation' });
    await nav.waitFor();
    expect(await nav.getByRole('link', { name: /Previous/ }).count()).toBe(0);
    expect(await nav.getByRole('button', { name: /Previous/ }).isDisabled()).toBe(true);
    expect(await nav.getByRole('link', { name: /Next/ }).getAttribute('href')).toBe(
      expectedHref(SCENE_IDS[0], 2, {}),
    );
    await page.close();
  });
});

describe('the sidebar in a classroom', () => {
  it('at 1280×720 every section is on screen or one click away', async () => {
    const page = await open(SMALL);
    const legends = '.controls fieldset > legend';
    await page.locator(legends).first().waitFor();
    const names = (await page.locator(legends).allTextContents()).map((n) => n.trim());
    expect(names.length).toBeGreaterThanOrEqual(6);
    const sections = page.getByRole('navigation', { name: 'Sections' });
    for (let i = 0; i < names.length; i++) {
      if (await shown(page, legends, i)) continue;
      await sections.getByRole('button', { name: names[i], exact: true }).click();
      expect(await shown(page, legends, i), `${names[i]} after one click`).toBe(true);
      // The click lands the keyboard in the section too.
      expect(
        await page.evaluate(
          (i) => document.querySelectorAll('.controls fieldset')[i].contains(document.activeElement),
          i,
        ),
      ).toBe(true);
    }
    await page.close();
  });

  it('shows presentation mode’s controls in large type with large slider thumbs', async () => {
    const page = await open(`lesson=icnn&present=1&act=elu&${SMALL}`);
    const slider = page.getByRole('slider', { name: 'α (negative saturation)' });
    await slider.waitFor();
    const sizes = await page.evaluate(() => {
      const label = document.querySelector('.controls .field label')!;
      const range = document.querySelector('.controls input[type="range"]')!;
      return {
        label: parseFloat(getComputedStyle(label).fontSize),
        range: range.getBoundingClientRect().height,
      };
    });
    expect(sizes.label).toBeGreaterThanOrEqual(26);
    expect(sizes.range).toBeGreaterThanOrEqual(32);
    await page.close();
  });
});

describe('on a 375 px phone', () => {
  it('opens a lesson link on the scene’s text and charts, with the controls after them', async () => {
    const page = await open(`lesson=selu&${SMALL}`, 375, 800);
    await page.locator('.lesson').waitFor();
    // The run's charts (the theory panel, open in this scene, has charts of its own: after the controls).
    const charts = '.results > .charts, .results > * > .charts';
    await page.locator(charts).first().waitFor();
    const top = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => e.getBoundingClientRect().top);
    const lesson = await page.locator('.lesson').boundingBox();
    expect(lesson!.y).toBeLessThan(800);
    expect(await top('.lesson')).toBeLessThan(await top('.sidebar'));
    expect(await top(charts)).toBeLessThan(await top('.sidebar'));
    expect(await top('.sidebar')).toBeLessThan(await top('.theory-panel'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.close();
  });

  it('never scrolls sideways: the playground, a lesson, presentation mode and the QR code', async () => {
    for (const query of [SMALL, `lesson=selu&${SMALL}`, `lesson=icnn&present=1&act=elu&${SMALL}`]) {
      const page = await open(query, 375, 800);
      await page.getByTestId('engine').waitFor({ state: 'attached' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), query).toBeLessThanOrEqual(375);
      if (query.includes('present')) {
        await page.getByRole('button', { name: 'Show QR code' }).click();
        const box = (await page.getByTestId('qr-code').boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(375);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      }
      await page.close();
    }
  });
});
