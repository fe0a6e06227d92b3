/**
 * A view is a list of experiments, not one (DESIGN.md, "many experiments at once"): the main run first, then
 * each compared run (`vs`), each with a short label naming what sets it apart ("ReLU", "ELU α = 0.5",
 * "SELU · depth 30"). Pure: the engine Worker, the charts, the CLI and the console all take this list.
 */
import type { ActivationKind, Experiment } from '../engine/experiment';
import { PARAMETERS_OF } from '../engine/activations';
import type { Overrides, OverridableKey } from './compare';
import { parse } from './parse';
import { experimentWith } from './schema';
import { serialize } from './serialize';

/** One run of a view. */
export interface RunMember {
  readonly experiment: Experiment;
  /** Plain text naming the run by what differs from the others (the activation always). */
  readonly label: string;
  /** The keys this run overrides (empty for the main run). */
  readonly overrides: Overrides;
}

/**
 * The experiment of a compared run: the main run's query with the overridden keys replaced, read by parse()
 * (so `vs=act:selu` under a default α takes SELU's α, as the link `act=selu` would).
 */
export function comparedExperiment(main: Experiment, overrides: Overrides): Experiment {
  const params = new URLSearchParams(serialize(main));
  for (const [key, value] of Object.entries(overrides)) params.set(key, String(value));
  return parse(params.toString()).experiment;
}

/** The main run and every compared run, labelled. */
export function runList(main: Experiment, compare: readonly Overrides[]): RunMember[] {
  const experiments = [main, ...compare.map((o) => comparedExperiment(main, o))];
  const labels = runLabels(experiments);
  return experiments.map((experiment, i) => ({
    experiment,
    label: labels[i],
    overrides: i === 0 ? {} : compare[i - 1],
  }));
}

/** The labels of a list of runs' experiments (what runList gives them). */
export function runLabels(experiments: readonly Experiment[]): string[] {
  return uniqueLabels(experiments.map((e) => runLabel(e, experiments)));
}

const ACTIVATION_NAMES: Readonly<Record<ActivationKind, string>> = {
  relu: 'ReLU',
  leaky: 'leaky ReLU',
  elu: 'ELU',
  selu: 'SELU',
  silu: 'SiLU',
  hybrid: 'hybrid',
};

/** How an activation's own parameters (PARAMETERS_OF) are written in a label. */
const PARAMETER_SYMBOLS: Readonly<Record<(typeof PARAMETERS_OF)[ActivationKind][number], string>> = {
  alpha: 'α',
  lambda: 'λ',
  slope: 'slope',
  knob: 'k',
};

/** How a key that differs between runs is named in a label. */
const KEY_LABELS: Readonly<Partial<Record<OverridableKey, (e: Experiment) => string>>> = {
  depth: (e) => `depth ${e.depth}`,
  width: (e) => `width ${e.width}`,
  batch: (e) => `batch ${e.batch}`,
  init: (e) => ({ he: 'He', lecun: 'LeCun', xavier: 'Xavier', custom: 'custom init' })[e.init],
  dist: (e) => e.dist,
  sw: (e) => `σ_w = ${short(e.sw)}`,
  sb: (e) => `σ_b = ${short(e.sb)}`,
  in_mean: (e) => `input mean ${short(e.in_mean)}`,
  in_std: (e) => `input std ${short(e.in_std)}`,
  seed: (e) => `seed ${e.seed}`,
  lr: (e) => `lr ${short(e.lr)}`,
  steps: (e) => `${e.steps} steps`,
  loss: (e) => `${e.loss} loss`,
  tied: (e) => (e.tied ? 'tied W' : 'untied W'),
  nonneg: (e) => (e.nonneg ? 'W ≥ 0' : 'signed W'),
  data: (e) => (e.data === 'none' ? 'random targets' : e.data),
  noise: (e) => `noise ${short(e.noise)}`,
};

/** A number in at most 4 significant digits, as written by a person. */
function short(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/**
 * The activation, then its parameters where they matter (not at the activation's default, or differing from
 * another run of the same activation), then every other key whose value is not the same in all runs.
 */
function runLabel(e: Experiment, all: readonly Experiment[]): string {
  const parts = [ACTIVATION_NAMES[e.act]];
  const defaults = experimentWith({ act: e.act });
  const sameAct = all.filter((o) => o.act === e.act);
  for (const key of PARAMETERS_OF[e.act]) {
    if (e[key] !== defaults[key] || sameAct.some((o) => o[key] !== e[key]))
      parts[0] += ` ${PARAMETER_SYMBOLS[key]} = ${short(e[key])}`;
  }
  for (const [key, name] of Object.entries(KEY_LABELS)) {
    const k = key as OverridableKey;
    if (all.some((o) => o[k] !== e[k])) parts.push(name(e));
  }
  return parts.join(' · ');
}

/** Labels made unique by numbering the repeats ("ELU", "ELU (2)"). */
function uniqueLabels(labels: readonly string[]): string[] {
  return labels.map((label, i) => {
    const before = labels.slice(0, i).filter((l) => l === label).length;
    return before === 0 ? label : `${label} (${before + 1})`;
  });
}
