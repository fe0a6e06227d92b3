/**
 * The charts of compared runs: every run on each chart, told apart by colour and by line style (greyscale
 * projectors), named by its label, with each run's own theory; and the numbers key that lets the Worker reuse
 * a compared run whose numbers a moved slider cannot have changed.
 */
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/engine/backend';
import { numbersKey } from '../../src/engine/numbers-key';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import { parse, runList } from '../../src/state';
import { theoryPrediction } from '../../src/theory/report';
import {
  RUN_STYLES,
  deadCompareFigure,
  gradientCompareFigure,
  signalCompareFigure,
  trainingCompareFigure,
  type ChartRun,
} from '../../src/ui/charts/compare-figures';
import { translator } from '../../src/ui/i18n';

const t = translator('en');

async function chartRuns(query: string): Promise<ChartRun[]> {
  const { experiment, compare } = parse(query);
  return Promise.all(
    runList(experiment, compare).map(async (run) => ({
      label: run.label,
      result: await runExperiment(new ReferenceBackend(), run.experiment),
      theory: theoryPrediction(run.experiment),
      trace: [
        { step: 0, loss: 2, dead: 1 },
        { step: 1, loss: 1, dead: 3 },
      ],
    })),
  );
}

describe('compared-run figures', () => {
  it('draw every run, measured and theory, named by the run and styled by it', async () => {
    const runs = await chartRuns('act=relu&depth=4&width=16&batch=8&vs=act:elu&vs=act:selu');
    const signal = signalCompareFigure(t, runs);
    for (const [i, run] of runs.entries()) {
      const mine = signal.series.filter((s) => s.name.startsWith(`${run.label} · `));
      // Mean and variance, each measured and predicted.
      expect(mine).toHaveLength(4);
      const measuredMean = mine.find((s) => s.name.endsWith('post-activation mean (measured)'))!;
      expect(measuredMean.y).toEqual(run.result.layers.map((l) => l.postMean));
      expect(measuredMean.color).toBe(RUN_STYLES[i].color);
      expect(measuredMean.dash).toBe(RUN_STYLES[i].dash);
      const theoryVar = mine.find((s) => s.name.endsWith('post-activation variance (mean-field theory)'))!;
      expect(theoryVar.axis).toBe('lower');
      expect(theoryVar.dash).toBe('dot');
      expect(theoryVar.y).toEqual(run.theory!.layers.map((l) => l.postVar));
    }
    // Runs differ by line style as well as colour, and no run's measured style is the theory's dots.
    const styles = RUN_STYLES.slice(0, 3).map((s) => s.dash);
    expect(new Set(styles).size).toBe(3);
    expect(styles).not.toContain('dot');
    expect(new Set(signal.series.map((s) => s.name)).size).toBe(signal.series.length);

    const gradient = gradientCompareFigure(t, runs);
    expect(gradient.series.map((s) => s.name)).toEqual([
      'ReLU · ‖∂L/∂h‖ (measured)',
      'ReLU · ‖∂L/∂h‖ predicted by χ₁ (theory)',
      'ELU · ‖∂L/∂h‖ (measured)',
      'ELU · ‖∂L/∂h‖ predicted by χ₁ (theory)',
      'SELU · ‖∂L/∂h‖ (measured)',
      'SELU · ‖∂L/∂h‖ predicted by χ₁ (theory)',
    ]);
    const dead = deadCompareFigure(t, runs);
    expect(dead.series.filter((s) => s.kind === 'bar').map((s) => s.pattern)).toEqual(['', '/', '.']);
    expect(dead.series.find((s) => s.name === 'ReLU · dead units')!.y).toEqual(
      runs[0].result.layers.map((l) => l.dead),
    );
    const training = trainingCompareFigure(t, runs);
    expect(training.series.filter((s) => s.axis === 'y2')).toHaveLength(3);
    expect(training.series.filter((s) => s.name.endsWith('· loss')).map((s) => s.y)).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
    ]);
  });
});

describe('numbersKey', () => {
  it('is the same when only keys the run does not use differ, and differs otherwise', () => {
    const e = (q: string) => parse(q).experiment;
    expect(numbersKey(e('act=relu&alpha=2'), false)).toBe(numbersKey(e('act=relu'), false));
    expect(numbersKey(e('act=leaky&alpha=2&knob=0.3'), false)).toBe(numbersKey(e('act=leaky'), false));
    expect(numbersKey(e('act=leaky&slope=0.2'), false)).not.toBe(numbersKey(e('act=leaky'), false));
    expect(numbersKey(e('act=elu&alpha=2'), false)).not.toBe(numbersKey(e('act=elu'), false));
    expect(numbersKey(e('act=selu&lambda=1'), false)).not.toBe(numbersKey(e('act=selu'), false));
    // The learning rate matters only to a run that trains.
    expect(numbersKey(e('lr=0.5'), false)).toBe(numbersKey(e('lr=0.1'), false));
    expect(numbersKey(e('lr=0.5&steps=3'), true)).not.toBe(numbersKey(e('lr=0.1&steps=3'), true));
  });

  it('keys experiments whose reference numbers are in fact identical', async () => {
    const a = await runExperiment(
      new ReferenceBackend(),
      parse('act=relu&depth=3&width=8&batch=4').experiment,
    );
    const b = await runExperiment(
      new ReferenceBackend(),
      parse('act=relu&depth=3&width=8&batch=4&alpha=3&lambda=2&knob=0.5&lr=1').experiment,
    );
    expect(b.layers).toEqual(a.layers);
    expect(b.loss).toBe(a.loss);
  });
});
