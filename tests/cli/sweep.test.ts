/**
 * `loz sweep` as a script uses it: a child process, its JSON on stdout, its exit code.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { runExperiment } from '../../src/engine/backend';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import { metricOf } from '../../src/engine/sweep/metric';
import { parse } from '../../src/state';
import { theoryMetric } from '../../src/theory/sweep';

function loz(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/cli.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('loz sweep', () => {
  it('prints the JSON object of EXPERIMENT.md: cells row per y value, each the metric of its own run', async () => {
    const query = 'act=elu&depth=3&width=11&batch=4&loss=probe&sx=sw:0.8:1.6:3&sy=sb:0:0.5:2';
    const r = loz('sweep', query, '--backend', 'reference', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['backend', 'experiment', 'x', 'y', 'metric', 'cells', 'theory', 'ms']);
    expect(out.backend).toBe('reference');
    expect(out.x).toEqual({ key: 'sw', values: [0.8, 1.2, 1.6] });
    expect(out.y).toEqual({ key: 'sb', values: [0, 0.5] });
    expect(out.metric).toBe('chi');
    const backend = new ReferenceBackend();
    for (const [row, sb] of out.y.values.entries())
      for (const [column, sw] of out.x.values.entries()) {
        const cell = parse(
          `act=elu&depth=3&width=11&batch=4&loss=probe&init=custom&sw=${sw}&sb=${sb}`,
        ).experiment;
        expect(out.cells[row][column]).toBe(metricOf(await runExperiment(backend, cell), 'chi'));
        expect(out.theory[row][column]).toBe(theoryMetric(cell, 'chi'));
      }
    backend.dispose();
  });

  it('a one-axis sweep has y null; a metric without theory has theory null; WASM by default', () => {
    const out = JSON.parse(
      loz('sweep', 'depth=2&width=8&batch=4&sx=depth:1:3:3&metric=dead', '--json').stdout,
    );
    expect(out.backend).toBe('wasm');
    expect(out.y).toBeNull();
    expect(out.theory).toBeNull();
    expect(out.cells).toHaveLength(1);
    expect(out.cells[0]).toHaveLength(3);
  });

  it('prints a table per metric and theory without --json', () => {
    const r = loz('sweep', 'act=relu&depth=2&width=8&batch=4&sx=sw:1:2:2', '--backend', 'reference');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/chi measured/);
    expect(r.stdout).toMatch(/chi mean-field theory/);
  });

  it.each([
    [['sweep', 'depth=3'], /needs a sweep axis/],
    [['sweep', 'sx=banana:1:2:3'], /cannot be swept/],
    [['sweep', 'sx=sw:1:2'], /KEY:FROM:TO:N/],
    [['sweep', 'sx=sw:1:2:3', '--backend', 'gpu'], /--backend must be/],
    [['sweep', 'sx=width:1:4096:3&depth=1000&batch=8192'], /needs about .* GiB/],
    [['theory', 'depth=3', '--backend', 'wasm'], /applies to "run" and "sweep" only/],
  ])('exits 2 with one line on stderr for bad input %j', (args, message) => {
    const r = loz(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
