/**
 * The redraws of one plot, one at a time and newest first. Plotly's react() is asynchronous, and a chart's
 * figure can change twice within one draw (forward statistics, then the whole pass): draws that overlapped
 * used to finish in any order, and the chart then believed it showed a figure it did not, so moving a slider
 * back to an earlier value left the plot showing the other one. Here each draw waits for the one before it, a
 * figure superseded before its turn is never drawn, and the one on screen is known exactly.
 */
import { nextTask } from '../../engine/next-task';

export class DrawQueue {
  /** @param yieldToEvents resolves after the tasks queued now have run (default: nextTask). */
  constructor(private readonly yieldToEvents: () => Promise<void> = nextTask) {}

  /** The signature on screen, or null when unknown (nothing drawn yet, a draw failed, the plot was reset). */
  private shown: string | null = null;
  /** The newest signature asked for. */
  private wanted: string | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** Counts resets: a draw that was in flight across a reset drew on a plot that is gone. */
  private generation = 0;

  /**
   * Puts the figure with this signature on screen by calling `draw` when its turn comes, unless a newer
   * request came meanwhile or it is already shown; with `yieldFirst` it first lets the queued tasks run.
   * Resolves when its turn is over; never rejects (a failed draw leaves the screen unknown, so the next
   * request draws again).
   */
  request(
    signature: string,
    draw: () => Promise<void>,
    options: { yieldFirst?: boolean } = {},
  ): Promise<void> {
    this.wanted = signature;
    this.chain = this.chain.then(async () => {
      // yieldFirst: the tasks already queued (other charts' draws, a newer result) run first.
      if (options.yieldFirst && this.wanted === signature) await this.yieldToEvents();
      if (this.wanted !== signature || this.shown === signature) return;
      this.shown = null;
      const generation = this.generation;
      try {
        await draw();
        if (generation === this.generation) this.shown = signature;
      } catch {
        this.shown = null;
      }
    });
    return this.chain;
  }

  /** The plot was cleared or replaced (a table shown instead): the next request draws whatever it asks for. */
  reset(): void {
    this.generation++;
    this.shown = null;
    this.wanted = null;
  }

  /** The signature on screen, or null when unknown. */
  get current(): string | null {
    return this.shown;
  }
}
