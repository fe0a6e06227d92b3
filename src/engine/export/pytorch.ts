/**
 * Export of an experiment as a runnable, readable Python 3 script that reproduces it in PyTorch (issue 8), so a
 * student can continue in a notebook. The script's draws (weights, biases, inputs, targets) are bit-identical
 * to init.ts's in float64: it carries a port of random.ts and init.ts (python-draws.ts), and its network,
 * SGD and statistics follow the reference engine (python-torch.ts). `python3 script.py --draws N` runs without
 * torch and prints the first N draws as JSON, which is how tests/engine/export proves the draws identical.
 */
import type { Experiment } from '../experiment';
import { PYTHON_DRAWS } from './python-draws';
import { PYTHON_TORCH } from './python-torch';

type PyKind = 'int' | 'float' | 'str';

/** Every experiment key, in the order of the URL schema, with the Python type it is written as. */
const EXPERIMENT_KEYS: Readonly<Record<keyof Experiment, PyKind>> = {
  v: 'int',
  act: 'str',
  alpha: 'float',
  lambda: 'float',
  slope: 'float',
  knob: 'float',
  depth: 'int',
  width: 'int',
  batch: 'int',
  init: 'str',
  dist: 'str',
  sw: 'float',
  sb: 'float',
  in_mean: 'float',
  in_std: 'float',
  seed: 'int',
  lr: 'float',
  steps: 'int',
  loss: 'str',
  tied: 'int',
  nonneg: 'int',
  data: 'str',
  noise: 'float',
};

/** A Python float literal that reads back as exactly `x` (JavaScript's shortest round-trip digits). */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'float("nan")';
  if (!Number.isFinite(x)) return x > 0 ? 'float("inf")' : '-float("inf")';
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

function pythonValue(key: keyof Experiment, value: unknown): string {
  const kind = EXPERIMENT_KEYS[key];
  if (kind === 'str') return JSON.stringify(String(value)); // a JSON string is a valid Python literal
  if (typeof value !== 'number') throw new TypeError(`pytorchScript: ${key} must be a number`);
  if (kind === 'float') return pythonFloat(value);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`pytorchScript: ${key} must be an integer, not ${value}`);
  return String(value);
}

/** The experiment as a Python dict literal, one key a line, in schema order. */
export function pythonExperimentDict(experiment: Experiment): string {
  const keys = Object.keys(EXPERIMENT_KEYS) as (keyof Experiment)[];
  const lines = keys.map((key) => `    ${JSON.stringify(key)}: ${pythonValue(key, experiment[key])},`);
  return `EXPERIMENT = {\n${lines.join('\n')}\n}`;
}

/**
 * The share link made safe for a Python comment: every character outside the printable URL characters
 * (control characters, line breaks, quotes, backslashes, non-ASCII) is percent-encoded, so a hostile link
 * cannot end the comment and inject code.
 */
export function commentSafeUrl(url: string): string {
  let out = '';
  for (const ch of url) {
    if (/^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]$/.test(ch)) out += ch;
    else {
      try {
        out += encodeURIComponent(ch);
      } catch {
        out += '%EF%BF%BD'; // a lone surrogate: U+FFFD
      }
    }
  }
  return out;
}

// The imports lead the draws part; the experiment dict goes right after them, near the top where a student
// sees and edits it.
const FIRST_DEF = PYTHON_DRAWS.indexOf('\n\n');
const PYTHON_DRAWS_IMPORTS = PYTHON_DRAWS.slice(0, FIRST_DEF);
const PYTHON_DRAWS_BODY = PYTHON_DRAWS.slice(FIRST_DEF + 2);

/**
 * A complete Python 3 script reproducing `experiment` in PyTorch (float64, torch autograd, `steps` plain SGD
 * steps, then one measured forward + backward pass printing per layer the keys of the CLI's `layers` output
 * and the loss, as JSON). `shareUrl`, when given, is written into the header comment (percent-encoded where
 * needed). torch is imported lazily: `python3 script.py --draws N` needs only the standard library.
 */
export function pytorchScript(experiment: Experiment, shareUrl?: string): string {
  const link = shareUrl === undefined ? [] : [`# Share link: ${commentSafeUrl(shareUrl)}`, '#'];
  const header = [
    '#!/usr/bin/env python3',
    '# Left of Zero: this experiment, reproduced in PyTorch (float64).',
    '#',
    ...link,
    "# Weights, biases, inputs and targets are drawn by a port of the playground's seeded generator, so they",
    "# are bit-identical to the page's; the network, the SGD steps and the statistics follow its reference",
    '# engine (same formulas, float64): the numbers agree to rounding (sums run in another order), which',
    '# deep or chaotic networks can amplify over many layers and steps.',
    '#',
    '#   python3 this_file.py              needs torch: trains "steps" SGD steps, then prints per-layer',
    '#                                     statistics of one more forward + backward pass as JSON',
    '#   python3 this_file.py --draws 10   no torch needed: the first 10 weights of layer 1, inputs,',
    '#                                     targets (and biases), to compare with the page',
    '#',
    '# In a notebook: run this file (%run this_file.py), or import it and call',
    '#   import torch; net, dphi = build(torch, EXPERIMENT); stats = run(EXPERIMENT)',
    '# then edit EXPERIMENT below (keys and meanings as in the share link) and run again.',
  ];
  const doc = '"""Left of Zero experiment, reproduced in PyTorch (float64)."""';
  return `${header.join('\n')}\n${doc}\n\n${PYTHON_DRAWS_IMPORTS}\n\n${pythonExperimentDict(experiment)}\n\n${PYTHON_DRAWS_BODY}\n\n${PYTHON_TORCH}`;
}
