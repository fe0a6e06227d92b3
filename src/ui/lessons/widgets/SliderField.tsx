/** A labelled slider with its value shown, for a scene's own parameter (heterophily, Δt). */
import { useId } from 'react';

interface Props {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly onChange: (value: number) => void;
}

export function SliderField({ label, value, min, max, step, onChange }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}: <output htmlFor={id}>{value}</output>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </div>
  );
}
