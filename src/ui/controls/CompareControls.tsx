/**
 * The "Compare" section: the runs drawn beside the main one (`vs`), each removable, and two ways to add one:
 * another activation on the same network and seed, or the current activation and initialization pinned (the
 * controls then move only the main run). Every change goes to the URL like any other.
 */
import { useId } from 'react';
import { PARAMETERS_OF } from '../../engine/activations';
import { ACTIVATIONS, type ActivationKind, type Experiment } from '../../engine/experiment';
import { MAX_COMPARED, type Overrides } from '../../state';
import { useT, type MessageKey } from '../i18n';

interface Props {
  readonly experiment: Experiment;
  /** Each run's label: the main run's first. */
  readonly labels: readonly string[];
  readonly compare: readonly Overrides[];
  readonly onCompare: (compare: readonly Overrides[]) => void;
}

/** The overrides that keep `e`'s activation (with its parameters) and initialization as they are now. */
export function pinnedOverrides(e: Experiment): Overrides {
  const pinned: Record<string, number | string> = { act: e.act };
  for (const key of PARAMETERS_OF[e.act]) pinned[key] = e[key];
  pinned.init = e.init;
  pinned.dist = e.dist;
  if (e.init === 'custom') pinned.sw = e.sw;
  pinned.sb = e.sb;
  return pinned;
}

export function CompareControls({ experiment, labels, compare, onCompare }: Props) {
  const t = useT();
  const pickId = useId();
  const hintId = useId();
  const full = compare.length >= MAX_COMPARED;
  const add = (overrides: Overrides) => onCompare([...compare, overrides]);
  return (
    <div className="compare" data-testid="compare-controls">
      <p className="hint">{t('compare.intro')}</p>
      <ul className="compare-runs">
        <li data-run="0">{t('compare.main', { label: labels[0] ?? '' })}</li>
        {compare.map((_, i) => (
          <li key={i} data-run={i + 1}>
            <span>{t('compare.run', { n: i + 1, label: labels[i + 1] ?? '' })}</span>{' '}
            <button
              type="button"
              aria-label={t('compare.removeRun', { label: labels[i + 1] ?? String(i + 1) })}
              onClick={() => onCompare(compare.filter((__, j) => j !== i))}
            >
              {t('compare.remove')}
            </button>
          </li>
        ))}
      </ul>
      {full ? (
        <p className="hint">{t('compare.full', { max: MAX_COMPARED })}</p>
      ) : (
        <>
          <div className="field" data-field="compare-act">
            <label htmlFor={pickId}>{t('compare.with')}</label>
            <select
              id={pickId}
              value=""
              onChange={(e) => e.target.value && add({ act: e.target.value as ActivationKind })}
            >
              <option value="">{t('compare.choose')}</option>
              {ACTIVATIONS.map((act) => (
                <option key={act} value={act}>
                  {t(`act.${act}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" aria-describedby={hintId} onClick={() => add(pinnedOverrides(experiment))}>
            {t('compare.pin')}
          </button>
          <p className="hint" id={hintId}>
            {t('compare.pinHint')}
          </p>
        </>
      )}
    </div>
  );
}
