/**
 * A labelled numeric control: a slider for quick exploration (keyboard: arrows, Page Up/Down, Home/End) and
 * a number box for an exact value. Log-scale keys slide over a list of stops.
 */
import { useId } from 'react';
import type { NumericField } from './fields';

interface Props {
  readonly field: NumericField;
  readonly label: string;
  readonly value: number;
  readonly onChange: (value: number) => void;
}

/** Index of the stop nearest to `value`. */
function nearestStop(stops: readonly number[], value: number): number {
  let best = 0;
  for (let i = 1; i < stops.length; i++)
    if (Math.abs(stops[i] - value) < Math.abs(stops[best] - value)) best = i;
  return best;
}

export function NumberControl({ field, label, value, onChange }: Props) {
  const id = useId();
  const { stops } = field;
  const sliderValue = stops ? nearestStop(stops, value) : Math.min(field.max, Math.max(field.min, value));
  const commit = (raw: string) => {
    const n = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(n)) onChange(n);
  };
  return (
    <div className="field" data-field={field.key}>
      <label htmlFor={`${id}-range`}>{label}</label>
      <div className="field-inputs">
        <input
          id={`${id}-range`}
          type="range"
          min={stops ? 0 : field.min}
          max={stops ? stops.length - 1 : field.max}
          step={stops ? 1 : field.step}
          value={sliderValue}
          aria-valuetext={String(value)}
          onChange={(e) => onChange(stops ? stops[Number(e.target.value)] : Number(e.target.value))}
        />
        <input
          type="number"
          aria-label={label}
          min={field.min}
          max={stops ? stops[stops.length - 1] : undefined}
          step="any"
          value={value}
          onChange={(e) => commit(e.target.value)}
        />
      </div>
    </div>
  );
}
