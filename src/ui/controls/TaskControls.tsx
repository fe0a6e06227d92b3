/**
 * The task: random targets or a data set, and the noise of the 2-D sets. Choosing a data set may also set the
 * network suited to it (task-network.ts, applied by use-experiment's applyChange); the note under the choice
 * says what changed, for as long as the network is still the one set.
 */
import { useState } from 'react';
import type { DataKind, Experiment } from '../../engine/experiment';
import { DATA_SETS } from '../../engine/experiment';
import { useT, type MessageKey } from '../i18n';
import { DEFAULT_SIZE, hasSize, networkForTask, type NetworkSize } from '../task-network';
import { FIELDS } from './fields';
import { NumberControl } from './NumberControl';
import { SelectControl } from './SelectControl';

interface Props {
  readonly experiment: Experiment;
  readonly onExperiment: (change: Partial<Experiment>) => void;
  /** Which of the task's keys to show (presentation mode). */
  readonly visible: (key: string) => boolean;
}

/** A network size set by a task choice, and the one it replaced. */
interface SizeNote {
  readonly data: DataKind;
  readonly size: NetworkSize;
  readonly was: NetworkSize;
}

export function TaskControls({ experiment, onExperiment, visible }: Props) {
  const t = useT();
  const [note, setNote] = useState<SizeNote | null>(null);
  const choose = (data: DataKind) => {
    const change = networkForTask(experiment, data);
    const { depth, width, batch, lr } = experiment;
    const was = { depth, width, batch, lr };
    setNote(change ? { data, size: { ...was, ...change }, was } : null);
    onExperiment({ data });
  };
  const shown = note && note.data === experiment.data && hasSize(experiment, note.size) ? note : null;
  return (
    <>
      {visible('data') && (
        <SelectControl
          name="data"
          label={t('field.data')}
          value={experiment.data}
          options={DATA_SETS.map((value) => ({ value, label: t(`data.${value}` as MessageKey) }))}
          onChange={choose}
        />
      )}
      {FIELDS.task
        .filter((f) => f.shown(experiment) && visible(f.key))
        .map((f) => (
          <NumberControl
            key={f.key}
            field={f}
            label={t(`field.${f.key}` as MessageKey)}
            value={experiment[f.key] as number}
            onChange={(value) => onExperiment({ [f.key]: value })}
          />
        ))}
      <p className="note" role="status" data-testid="task-note">
        {shown &&
          (hasSize(shown.size, DEFAULT_SIZE)
            ? t('task.networkBack', { ...shown.size })
            : t('task.network', {
                ...shown.size,
                oldDepth: shown.was.depth,
                oldWidth: shown.was.width,
                oldBatch: shown.was.batch,
                oldLr: shown.was.lr,
              }))}
      </p>
    </>
  );
}
