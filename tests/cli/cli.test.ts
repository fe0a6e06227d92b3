/**
 * The CLI as a script uses it: a child process, its stdout, stderr and exit code.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { parse } from '../../src/state';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import { runExperiment } from '../../src/engine/backend';

function loz(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/cli.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('loz run', () => {
  it('prints the JSON object of EXPERIMENT.md, equal to a direct reference run', async () => {
    const query =
      'act=leaky&slope=0.2&depth=5&width=33&batch=7&init=he&sb=0.1&steps=3&lr=0.05&loss=probe&seed=9';
    const r = loz('run', `?${query}`, '--backend', 'reference', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['backend', 'experiment', 'layers', 'loss', 'ms']);
    expect(out.backend).toBe('reference');
    expect(out.experiment).toEqual(parse(query).experiment);
    expect(Object.keys(out.layers[0])).toEqual([
      'layer',
      'preMean',
      'preVar',
      'postMean',
      'postVar',
      'dead',
      'saturated',
      'gradNorm',
      'weightGradNorm',
    ]);
    const direct = await runExperiment(new ReferenceBackend(), parse(query).experiment);
    expect(out.layers).toEqual(direct.layers);
    expect(out.loss).toBe(direct.loss);
  });

  it('accepts a whole share URL', () => {
    const r = loz(
      'run',
      'http://127.0.0.1:5173/?depth=2&width=3&batch=2&act=relu',
      '--backend',
      'reference',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.layers).toHaveLength(2);
    expect(out.experiment.act).toBe('relu');
  });

  it('warns on stderr about unknown keys and clamped values, and still runs', () => {
    const r = loz('run', 'depth=2&width=3000000&batch=1&colour=red', '--backend', 'reference', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('loz: warning: width=3000000 is outside [1, 4096]: clamped to 4096.');
    expect(r.stderr).toContain('loz: warning: Unknown key "colour" ignored.');
    expect(JSON.parse(r.stdout).experiment.width).toBe(4096);
  });

  it.each([
    [
      ['run', 'act=elux', '--backend', 'reference'],
      /act="elux" is not one of relu, leaky, elu, selu, silu, hybrid/,
    ],
    [['run', 'depth=abc', '--backend', 'reference'], /depth="abc" is not a number/],
    [['run', '--backend', 'reference'], /missing query/],
    [['run', 'depth=2', '--backend', 'cuda'], /--backend must be reference or wasm, not "cuda"/],
    [['run', 'depth=2', '--backend', 'webgpu'], /runs only in the browser/],
    [['run', 'depth=2', '--frobnicate'], /unknown option "--frobnicate"/],
    [['fly', 'depth=2'], /unknown command "fly"/],
    [['run', 'depth=2&colour=red', '--strict'], /Unknown key "colour"/],
    [
      ['run', 'tied=1&steps=2&depth=2&width=3&batch=2', '--backend', 'wasm'],
      /training tied weights runs on the float64 reference/,
    ],
    [[], /usage: loz run/],
    [
      ['run', 'depth=1000&width=4096&batch=8192', '--backend', 'reference'],
      /needs about \d+(\.\d)? GiB .*reduce the depth/,
    ],
  ])('exits 2 with one line on stderr for bad input %j', (args, message) => {
    const r = loz(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
