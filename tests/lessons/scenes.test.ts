import { describe, expect, it } from 'vitest';
import { SCENE_IDS, SCENES, sceneById } from '../../src/lessons/scenes';
import type { SceneText } from '../../src/lessons/scenes';
import { parse } from '../../src/state';

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

  it('every suggested query parses without a warning and keeps the sizes small', () => {
    for (const s of SCENES)
      for (const step of [...s.text.en.steps, ...s.text.zh.steps]) {
        if (step.query === undefined) continue;
        const { experiment: e, warnings } = parse(step.query);
        expect(warnings, `${s.id}: ${step.query}`).toEqual([]);
        expect(e.width).toBeLessThanOrEqual(128);
        expect(e.depth).toBeLessThanOrEqual(30);
        expect(e.batch).toBeLessThanOrEqual(128);
        expect(e.steps).toBeLessThanOrEqual(1000);
      }
  });
});
