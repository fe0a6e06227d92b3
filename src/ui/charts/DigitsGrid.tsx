/**
 * The digits' first test images, each drawn in grey from its 8×8 pixel counts with the digit the network
 * predicts under it; a mistake is framed in vermillion and marked ✗ with the true digit beside the prediction
 * (colour and a mark and a word, never colour alone). Each image is named in full for screen readers.
 */
import { memo, useId, useLayoutEffect, useMemo, useRef } from 'react';
import type { DigitsView } from '../../engine/protocol';
import { useT } from '../i18n';
import { digitCells, type DigitCell } from './task-figures';

/** Side of an image in pixels of the data set. */
const SIDE = 8;
/** Largest pixel count of the digits (a fully inked cell). */
const INK = 16;

export const DigitsGrid = memo(function DigitsGrid({
  view,
  title,
}: {
  view: DigitsView;
  /** The panel's title (names the run when runs are compared). */
  title: string;
}) {
  const t = useT();
  const headingId = useId();
  const cells = useMemo(() => digitCells(view), [view]);
  const wrong = cells.filter((c) => !c.right).length;
  return (
    <section className="chart digits-panel" data-chart="digits" aria-labelledby={headingId}>
      <div className="chart-header">
        <h3 id={headingId}>{title}</h3>
      </div>
      <ol className="digits" aria-label={t('digits.list', { count: cells.length })}>
        {cells.map((cell) => (
          <Digit key={cell.index} cell={cell} />
        ))}
      </ol>
      <p className="note" data-testid="digits-summary" data-wrong={wrong}>
        {t('digits.summary', { wrong, count: cells.length, step: view.step })}
      </p>
    </section>
  );
});

function Digit({ cell }: { cell: DigitCell }) {
  const t = useT();
  const predicted = cell.predicted >= 0 ? String(cell.predicted) : '?';
  const name = t('digits.image', {
    n: cell.index + 1,
    label: cell.label,
    predicted: cell.predicted >= 0 ? cell.predicted : t('digits.none'),
    verdict: t(cell.right ? 'digits.right' : 'digits.wrong'),
  });
  return (
    <li
      className={cell.right ? 'digit' : 'digit wrong'}
      data-label={cell.label}
      data-predicted={cell.predicted}
      title={name}
    >
      <DigitImage pixels={cell.pixels} name={name} />
      <span className="digit-caption" aria-hidden="true">
        {predicted}
        {!cell.right && (
          <>
            {' ✗ '}
            <span className="digit-true">{t('digits.true', { label: cell.label })}</span>
          </>
        )}
      </span>
    </li>
  );
}

/** One 8×8 image on a canvas, white (0) to black (16), scaled up by CSS without smoothing. */
function DigitImage({ pixels, name }: { pixels: Uint8Array; name: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  // The pixels' values, not the array: each update brings a new copy of the same image.
  const key = pixels.join(',');
  useLayoutEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) {
      const grey = Math.round(255 * (1 - Math.min(INK, pixels[i] ?? 0) / INK));
      image.data.set([grey, grey, grey, 255], 4 * i);
    }
    context.putImageData(image, 0, 0);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the pixels' values
  }, [key]);
  return <canvas ref={ref} width={SIDE} height={SIDE} role="img" aria-label={name} />;
}
