/**
 * The message catalog: `t(key, params)` in the page's language. Strings are plain text (React escapes them);
 * `{name}` placeholders are filled from `params`.
 */
import { createContext, useContext } from 'react';
import { en, type MessageKey } from './en';
import { zh } from './zh';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

const CATALOGS: Readonly<Record<Language, Record<MessageKey, string>>> = { en, zh };

/** Names of the languages in themselves, for the language menu. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', zh: '简体中文' };

/** A translator for one language. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The translator for `lang`. */
export function translator(lang: Language): Translate {
  const catalog = CATALOGS[lang];
  return (key, params) => {
    const text = catalog[key];
    return params
      ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
      : text;
  };
}

/** `auto` resolves to the first of the browser's preferred languages that we speak, English otherwise. */
export function resolveLanguage(choice: Language | 'auto', browserLanguages: readonly string[]): Language {
  if (choice !== 'auto') return choice;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return 'en';
}

export const TranslateContext = createContext<Translate>(translator('en'));

/** The page's translator. */
export function useT(): Translate {
  return useContext(TranslateContext);
}

export type { MessageKey };
