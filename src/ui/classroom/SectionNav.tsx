/**
 * A row of the sidebar's section names at its top, each one click from its section: on a 1280×720 projector
 * the sidebar scrolls, and Initialization or Training below its fold are otherwise easy to miss.
 *
 * It reads the sections from the controls it sits beside (every top-level `<fieldset>` of `.controls`, named by
 * its legend) rather than from a list of its own, so a section added to the controls (Compare) or hidden by a
 * scene (presentation mode) is listed, or not, without touching this file.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';

/** Fewer sections than this (a scene's two or three controls in presentation mode) need no table of contents. */
const MIN_SECTIONS = 3;

/** Room left above a section's legend after a jump (px), so the legend is not flush under the sticky nav. */
const GAP = 8;

/** The top-level sections of the controls under `root`, as their legends. */
function legendsIn(root: Element): HTMLLegendElement[] {
  return Array.from(root.querySelectorAll<HTMLLegendElement>('.controls fieldset > legend')).filter(
    (legend) => legend.parentElement?.parentElement?.closest('fieldset') === null,
  );
}

/** Must be rendered in the same container as the controls (the sidebar). */
export function SectionNav() {
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  const [names, setNames] = useState<readonly string[]>([]);

  useEffect(() => {
    const root = ref.current?.parentElement;
    if (!root) return;
    const read = () => {
      const next = legendsIn(root).map((legend) => legend.textContent?.trim() ?? '');
      setNames((current) => (current.join('\n') === next.join('\n') ? current : next));
    };
    read();
    // Sections come and go with the scene and change name with the language; values changing are cheap to skip.
    const observer = new MutationObserver(read);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);

  const jump = (index: number) => {
    const nav = ref.current;
    const root = nav?.parentElement;
    const section = root && legendsIn(root)[index]?.parentElement;
    if (!nav || !root || !section) return;
    const scrolls = root.scrollHeight > root.clientHeight && getComputedStyle(root).overflowY !== 'visible';
    if (scrolls) {
      // Scroll the sidebar only: scrollIntoView would also move the page and push the header away.
      const offset = section.getBoundingClientRect().top - root.getBoundingClientRect().top;
      root.scrollBy({ top: offset - nav.offsetHeight - GAP });
    } else {
      section.scrollIntoView({ block: 'start' });
    }
    // Keyboard users land in the section they asked for.
    section
      .querySelector<HTMLElement>('input, select, textarea, button, summary, [tabindex]')
      ?.focus({ preventScroll: true });
  };

  return (
    <nav
      ref={ref}
      className="section-nav"
      aria-label={t('controls.sections')}
      hidden={names.length < MIN_SECTIONS}
    >
      <ul>
        {names.map((name, i) => (
          <li key={`${i}:${name}`}>
            <button type="button" onClick={() => jump(i)}>
              {name}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
