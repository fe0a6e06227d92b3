import { describe, expect, it } from 'vitest';
import { SCENE_IDS, SCENES, sceneById } from '../../src/lessons/scenes';
import type { SceneText } from '../../src/lessons/scenes';
import { parse, runList, serialize } from '../../src/state';

const HAN = /[\u4e00-\u9fff]/;

function strings(t: SceneText): string[] {
  return [t.title, t.intro, ...t.steps.flatMap((s) => [s.say, s.tryThis, s.lookFor])];
}

describe('SCENES', () => {
  it('has the seven scenes of the issue, in order, each findable by id', () => {
    expect(SCENES.map((s) => s.id)).toEqual([...SCENE_IDS]);
    for (const id of SCENE_IDS) expect(sceneById(id)?.id).toBe(id);
    expect(sceneById('nope')).toBeUndefined();
  });

  it('every scene has both languages, 2–4 steps, the same number in each, and no empty string', () => {
    for (const s of SCENES) {
      const { en, zh } = s.text;
      expect(en.steps.length, s.id).toBeGreaterThanOrEqual(2);
      expect(en.steps.length, s.id).toBeLessThanOrEqual(4);
      expect(zh.steps.length, s.id).toBe(en.steps.length);
      for (const str of [...strings(en), ...strings(zh)]) expect(str.trim().length, s.id).toBeGreaterThan(0);
    }
  });

  it('the Chinese text is Chinese and the English text is not', () => {
    for (const s of SCENES) {
      for (const str of strings(s.text.zh)) expect(HAN.test(str), `${s.id}: ${str}`).toBe(true);
      for (const str of strings(s.text.en)) expect(HAN.test(str), `${s.id}: ${str}`).toBe(false);
    }
  });

  it('every suggested query parses without a warning and keeps the sizes small, compared runs (vs) included', () => {
    for (const s of SCENES)
      for (const step of [...s.text.en.steps, ...s.text.zh.steps]) {
        if (step.query === undefined) continue;
        const { experiment, compare, warnings } = parse(step.query);
        expect(warnings, `${s.id}: ${step.query}`).toEqual([]);
        const runs = runList(experiment, compare);
        expect(runs.length).toBe(1 + step.query.split('&').filter((p) => p.startsWith('vs=')).length);
        expect(runs.length).toBeLessThanOrEqual(4);
        for (const { experiment: e, label } of runs) {
          const where = `${s.id}: ${step.query} (${label})`;
          // A compared run is itself a clean link: its own query parses back to it with no warning.
          const own = parse(serialize(e));
          expect(own.warnings, where).toEqual([]);
          expect(own.experiment, where).toEqual(e);
          expect(e.width, where).toBeLessThanOrEqual(128);
          expect(e.depth, where).toBeLessThanOrEqual(30);
          expect(e.batch, where).toBeLessThanOrEqual(128);
          expect(e.steps, where).toBeLessThanOrEqual(1000);
        }
        // Runs differ from each other (a compared run equal to the main one would draw the same lines twice).
        expect(new Set(runs.map((r) => serialize(r.experiment))).size, step.query).toBe(runs.length);
      }
  });

  it('the contrast scenes show their sides at once: each contrast step compares the activations it names', () => {
    const acts = (id: string, step: number) => {
      const query = sceneById(id)!.text.en.steps[step - 1].query!;
      const { experiment, compare } = parse(query);
      return runList(experiment, compare).map((r) => r.experiment.act);
    };
    expect(acts('dying-relu', 1)).toEqual(['relu', 'elu']);
    expect(acts('dying-relu', 2)).toEqual(['relu', 'elu', 'hybrid']);
    expect(acts('gradients-through-time', 1)).toEqual(['relu', 'elu', 'selu']);
    expect(acts('gradients-through-time', 4)).toEqual(['relu', 'elu', 'selu']);
    expect(acts('selu', 1)).toEqual(['selu', 'elu', 'relu']);
    expect(acts('selu', 2)).toEqual(['selu', 'elu', 'relu']);
  });
});
