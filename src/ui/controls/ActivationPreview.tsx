/**
 * The activation's formula and a small plot of φ (solid) and φ′ (dashed) on z ∈ [−4, 3], redrawn as α, λ,
 * the slope or the knob move. Plain SVG: instant, and no chart library on the first paint.
 */
import { activationOf } from '../../engine/activations';
import type { Experiment } from '../../engine/experiment';
import { useT } from '../i18n';

const Z_MIN = -4;
const Z_MAX = 3;
const W = 240;
const H = 120;
const SAMPLES = 141;

/** The formula of φ with the experiment's parameters filled in (math notation, the same in every language). */
export function formula(e: Experiment): string {
  const a = +e.alpha.toFixed(4);
  switch (e.act) {
    case 'relu':
      return 'φ(z) = max(0, z)';
    case 'leaky':
      return `φ(z) = z for z > 0, ${e.slope}·z otherwise`;
    case 'elu':
      return `φ(z) = z for z > 0, ${a}·(eᶻ − 1) otherwise`;
    case 'selu':
      return `φ(z) = ${+e.lambda.toFixed(4)}·(z for z > 0, ${a}·(eᶻ − 1) otherwise)`;
    case 'silu':
      return 'φ(z) = z·σ(z) = z / (1 + e⁻ᶻ)';
    case 'hybrid':
      return `φ(z) = (1 − ${e.knob})·max(0, z) + ${e.knob}·ELU_${a}(z)`;
  }
}

export function ActivationPreview({ experiment }: { experiment: Experiment }) {
  const t = useT();
  const act = activationOf(experiment);
  const zs = Array.from({ length: SAMPLES }, (_, i) => Z_MIN + ((Z_MAX - Z_MIN) * i) / (SAMPLES - 1));
  const phi = zs.map((z) => act.phi(z));
  const dphi = zs.map((z) => act.dphi(z));
  const values = [...phi, ...dphi].filter(Number.isFinite);
  const yMin = Math.min(-1, ...values);
  const yMax = Math.max(1, ...values);
  const x = (z: number) => ((z - Z_MIN) / (Z_MAX - Z_MIN)) * W;
  const y = (v: number) => H - ((Math.min(yMax, Math.max(yMin, v)) - yMin) / (yMax - yMin)) * H;
  const path = (vs: number[]) =>
    vs.map((v, i) => `${i ? 'L' : 'M'}${x(zs[i]).toFixed(1)},${y(v).toFixed(1)}`).join('');
  return (
    <figure className="activation-preview">
      <p className="formula" data-testid="formula">
        {formula(experiment)}
      </p>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${t('preview.title')}: ${t('preview.phi')}; ${t('preview.dphi')}`}
      >
        <line x1={0} x2={W} y1={y(0)} y2={y(0)} className="axis" />
        <line x1={x(0)} x2={x(0)} y1={0} y2={H} className="axis" />
        <path d={path(phi)} className="phi" />
        <path d={path(dphi)} className="dphi" />
      </svg>
      <figcaption>
        {t('preview.phi')} · {t('preview.dphi')} · z ∈ [{Z_MIN}, {Z_MAX}]
      </figcaption>
    </figure>
  );
}
