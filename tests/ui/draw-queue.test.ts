/**
 * A chart's redraws (DrawQueue): one at a time, newest wins, and the figure on screen is known exactly, so a
 * slider moved back to an earlier value redraws the chart (the bug: overlapping plotly draws finished out of
 * order and the chart skipped a figure it believed was on screen).
 */
import { describe, expect, it } from 'vitest';
import { DrawQueue } from '../../src/ui/charts/draw-queue';

/** A fake plot: draws take until released, and record what the screen shows and how many ran at once. */
function fakePlot() {
  const screen: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const pending: (() => void)[] = [];
  const draw =
    (signature: string, fail = false) =>
    async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise<void>((release) => pending.push(release));
      running--;
      if (fail) throw new Error('plotly failed');
      screen.push(signature);
    };
  /** Lets the oldest waiting draw finish, then lets the queue move on. */
  const finishOne = async () => {
    for (let i = 0; i < 10 && pending.length === 0; i++) await Promise.resolve();
    pending.shift()?.();
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  /** Waits until a draw is in flight. */
  const started = async () => {
    for (let i = 0; i < 10 && pending.length === 0; i++) await Promise.resolve();
    expect(pending.length).toBeGreaterThan(0);
  };
  return { screen, draw, started, finishOne, maxRunning: () => maxRunning, waiting: () => pending.length };
}

/** Asks `queue` for `signature` with nothing else in flight, and lets that draw finish. */
async function drawAlone(
  queue: DrawQueue,
  plot: ReturnType<typeof fakePlot>,
  signature: string,
  fail = false,
): Promise<void> {
  const request = queue.request(signature, plot.draw(signature, fail));
  await plot.finishOne();
  await request;
}

describe('DrawQueue', () => {
  it('draws one at a time; a figure asked for again after another is drawn again', async () => {
    const q = new DrawQueue();
    const plot = fakePlot();
    const a = q.request('A', plot.draw('A'));
    await plot.started();
    const b = q.request('B', plot.draw('B')); // arrives while A is being drawn
    await plot.finishOne();
    await plot.finishOne();
    await Promise.all([a, b]);
    expect(plot.maxRunning()).toBe(1);
    expect(plot.screen).toEqual(['A', 'B']);
    expect(q.current).toBe('B');
    // The slider goes back: A must be drawn again, although A was drawn before.
    await drawAlone(q, plot, 'A');
    expect(plot.screen.at(-1)).toBe('A');
    expect(q.current).toBe('A');
  });

  it('skips a figure superseded before its turn, and one already on screen', async () => {
    const q = new DrawQueue();
    const plot = fakePlot();
    const first = q.request('A', plot.draw('A'));
    await plot.started();
    q.request('B', plot.draw('B'));
    const last = q.request('C', plot.draw('C'));
    await plot.finishOne();
    await plot.finishOne();
    await Promise.all([first, last]);
    expect(plot.screen).toEqual(['A', 'C']);
    await q.request('C', plot.draw('C'));
    expect(plot.waiting()).toBe(0);
    expect(plot.screen).toEqual(['A', 'C']);
  });

  it('after a failed draw the screen is unknown and the same figure is drawn again', async () => {
    const q = new DrawQueue();
    const plot = fakePlot();
    await drawAlone(q, plot, 'A', true);
    expect(q.current).toBeNull();
    await drawAlone(q, plot, 'A');
    expect(plot.screen).toEqual(['A']);
    expect(q.current).toBe('A');
  });

  it('a draw that finishes after a reset (the plot was replaced by a table) does not count as shown', async () => {
    const q = new DrawQueue();
    const plot = fakePlot();
    const inFlight = q.request('A', plot.draw('A'));
    await plot.started();
    q.reset();
    await plot.finishOne();
    await inFlight;
    expect(q.current).toBeNull();
    await drawAlone(q, plot, 'A');
    expect(plot.screen).toEqual(['A', 'A']);
  });

  it('yieldFirst: the draw waits for the queued tasks, and is skipped if they bring a newer figure', async () => {
    let release: () => void = () => {};
    const q = new DrawQueue(() => new Promise<void>((resolve) => (release = resolve)));
    const plot = fakePlot();
    const first = q.request('A', plot.draw('A'), { yieldFirst: true });
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(plot.waiting()).toBe(0); // not started before the queued tasks ran
    const newer = q.request('B', plot.draw('B')); // a queued task brought B
    release();
    await plot.finishOne();
    await Promise.all([first, newer]);
    expect(plot.screen).toEqual(['B']);

    const alone = new DrawQueue(() => Promise.resolve());
    const plot2 = fakePlot();
    const drawn = alone.request('A', plot2.draw('A'), { yieldFirst: true });
    await plot2.finishOne();
    await drawn;
    expect(plot2.screen).toEqual(['A']);
  });
});
