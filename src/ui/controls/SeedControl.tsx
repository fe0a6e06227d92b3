/** The seed of weights, inputs and targets, with a button that draws a new one. */
import { useT } from '../i18n';

export function SeedControl({ seed, onSeed }: { seed: number; onSeed: (seed: number) => void }) {
  const t = useT();
  return (
    <div className="field" data-field="seed">
      <label htmlFor="seed-input">{t('field.seed')}</label>
      <div className="field-inputs">
        <input
          id="seed-input"
          type="number"
          min={0}
          max={4294967295}
          step={1}
          value={seed}
          onChange={(e) => e.target.value !== '' && onSeed(Number(e.target.value))}
        />
        <button type="button" onClick={() => onSeed(crypto.getRandomValues(new Uint32Array(1))[0])}>
          {t('button.reseed')}
        </button>
      </div>
    </div>
  );
}
