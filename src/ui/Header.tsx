/** Title, tagline, language menu, the lessons' way in and out, "Copy link" and "Show QR code". */
import { useState } from 'react';
import { QrCodeButton } from './classroom/QrCode';
import { inAppClick } from './classroom/links';
import { LANGUAGE_NAMES, useT, type Language } from './i18n';

interface Props {
  readonly lang: Language;
  readonly languages: readonly Language[];
  readonly onLanguage: (lang: Language) => void;
  /** Whether a lesson (or the list of lessons) is open, and the link that opens or leaves them. */
  readonly inLesson: boolean;
  readonly onLessons: () => void;
  /** Where that link leads (the list of scenes, or the free playground), for a new tab or a copied link. */
  readonly lessonsHref: string;
}

/** The page header; absent in embed mode. */
export function Header({ lang, languages, onLanguage, inLesson, onLessons, lessonsHref }: Props) {
  const t = useT();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };
  return (
    <header className="page-header">
      <div>
        <h1>{t('app.title')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
      </div>
      <div className="header-actions">
        <label>
          {t('app.language')}{' '}
          <select value={lang} onChange={(e) => onLanguage(e.target.value as Language)}>
            {languages.map((l) => (
              <option key={l} value={l} lang={l === 'zh' ? 'zh-CN' : 'en'}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <a
          className="button-link"
          href={lessonsHref}
          onClick={inAppClick(onLessons)}
          data-testid="lessons-toggle"
        >
          {inLesson ? t('lesson.exit') : t('lesson.open')}
        </a>
        <button type="button" onClick={() => void copy()} data-testid="copy-link">
          {t('app.copyLink')}
        </button>
        <QrCodeButton />
        <span role="status" className="copy-status">
          {copyState === 'copied' ? t('app.copied') : copyState === 'failed' ? t('app.copyFailed') : ''}
        </span>
      </div>
    </header>
  );
}
