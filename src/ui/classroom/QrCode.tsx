/**
 * "Show QR code": the page's current link as a large QR code in a modal dialog, for students' phones to scan from
 * the back of a room, with the link printed under it. Hidden until asked for; Escape or "Close" hides it.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useT } from '../i18n';
import { qrDrawing } from './qr';

/**
 * How often the open dialog re-reads `location.href` (ms). The page writes its URL 250 ms after a change
 * (use-experiment.ts), possibly just after the dialog opened; re-reading twice a second keeps the code on the
 * link a phone should open without the dialog having to know who changed it.
 */
export const QR_REFRESH_MS = 500;

/** The button that opens the dialog, and the dialog. */
export function QrCodeButton() {
  const t = useT();
  const [href, setHref] = useState<string | null>(null);
  const open = href !== null;
  return (
    <>
      <button
        type="button"
        onClick={() => setHref(window.location.href)}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="show-qr"
      >
        {t('qr.show')}
      </button>
      {open && <QrDialog href={href} onHref={setHref} onClose={() => setHref(null)} />}
    </>
  );
}

interface DialogProps {
  readonly href: string;
  readonly onHref: (href: string) => void;
  readonly onClose: () => void;
}

/** A native modal `<dialog>`: the browser traps focus, makes the page behind it inert and closes it on Escape. */
function QrDialog({ href, onHref, onClose }: DialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const qr = useMemo(() => qrDrawing(href), [href]);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  useEffect(() => {
    const timer = setInterval(() => {
      if (window.location.href !== href) onHref(window.location.href);
    }, QR_REFRESH_MS);
    return () => clearInterval(timer);
  }, [href, onHref]);

  return (
    <dialog
      ref={ref}
      className="qr-dialog"
      aria-labelledby={titleId}
      // Escape and "Close" close the dialog and fire `close`; the state follows. A `close` queued by a
      // remount's cleanup (React's strict mode) arrives after showModal() reopened it: ignored.
      onClose={() => {
        if (!ref.current?.open) onClose();
      }}
      data-testid="qr-dialog"
    >
      <h2 id={titleId}>{t('qr.title')}</h2>
      <svg
        className="qr-code"
        viewBox={`0 0 ${qr.size} ${qr.size}`}
        role="img"
        aria-label={t('qr.image')}
        shapeRendering="crispEdges"
        data-testid="qr-code"
      >
        <rect width={qr.size} height={qr.size} fill="#fff" />
        <path d={qr.path} fill="#000" />
      </svg>
      <p className="qr-link">
        <code data-testid="qr-link">{href}</code>
      </p>
      <form method="dialog">
        {/* showModal() focuses it: the dialog's only control. */}
        <button type="submit">{t('qr.close')}</button>
      </form>
    </dialog>
  );
}
