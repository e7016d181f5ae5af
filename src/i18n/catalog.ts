// The message catalog: one folder per language under messages/ (a BCP 47 tag: en, zh-CN), each with the
// same files of ICU MessageFormat messages. Adding a language is adding its folder. English is the source
// every other language follows and the fallback for a reader whose language is not here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { MessageKey } from './keys.ts';
import { isMessage, type Message, type MessageValue } from './message.ts';

export const SOURCE_LOCALE = 'en';

const MESSAGES_DIR = join(import.meta.dirname, 'messages');

export type Catalog = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Every language's messages, read once: `{ en: { "vote.closed": "…" }, "zh-CN": { … } }`. */
export function readCatalog(dir = MESSAGES_DIR): Catalog {
  const catalog: Record<string, Record<string, string>> = {};
  for (const locale of readdirSync(dir).sort()) {
    const messages: Record<string, string> = {};
    for (const file of readdirSync(join(dir, locale))
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      const parsed: unknown = JSON.parse(readFileSync(join(dir, locale, file), 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error(`messages/${locale}/${file} must hold one object of "key": "message" pairs`);
      }
      for (const [key, message] of Object.entries(parsed)) {
        if (typeof message !== 'string')
          throw new Error(`messages/${locale}/${file}: "${key}" is not a string`);
        if (key in messages) throw new Error(`messages/${locale}: "${key}" is defined twice`);
        messages[key] = message;
      }
    }
    catalog[locale] = messages;
  }
  if (!catalog[SOURCE_LOCALE]) throw new Error(`the catalog has no ${SOURCE_LOCALE} messages`);
  return catalog;
}

export interface Translator {
  /** The languages the catalog has, source first. */
  readonly locales: readonly string[];
  /** The message in that language (a catalog locale; see matchLocale), nested messages included. */
  translate(locale: string, message: Message): string;
  /** Formats a number the way readers of that language write it. */
  number(locale: string, value: number): string;
}

export function createTranslator(catalog: Catalog = readCatalog()): Translator {
  const cache = createIntlCache();
  const intls = new Map<string, IntlShape>();
  const source = catalog[SOURCE_LOCALE] ?? {};
  const intlFor = (locale: string): IntlShape => {
    const known = catalog[locale] ? locale : SOURCE_LOCALE;
    let intl = intls.get(known);
    if (!intl) {
      // A key missing in a language falls back to English; the catalog tests keep that from happening.
      const messages = { ...source, ...catalog[known] };
      intl = createIntl({ locale: known, messages, defaultLocale: SOURCE_LOCALE, onError: () => {} }, cache);
      intls.set(known, intl);
    }
    return intl;
  };

  const lists = new Map<string, Intl.ListFormat>();
  const listFormat = (locale: string): Intl.ListFormat => {
    const known = catalog[locale] ? locale : SOURCE_LOCALE;
    let format = lists.get(known);
    if (!format) {
      format = new Intl.ListFormat(known, { type: 'conjunction', style: 'long' });
      lists.set(known, format);
    }
    return format;
  };

  const resolveValue = (locale: string, value: MessageValue): string | number | Date => {
    if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
    if (isMessage(value)) return translate(locale, value);
    // Intl.ListFormat itself: @formatjs's formatList keys items by their text, so an item such as "__proto__"
    // (people's text) came back as an array with an object in it instead of a string.
    return listFormat(locale).format(value.map((item) => (isMessage(item) ? translate(locale, item) : item)));
  };

  function translate(locale: string, message: Message): string {
    const values: Record<string, string | number | Date> = {};
    for (const [name, value] of Object.entries(message.values ?? {}))
      values[name] = resolveValue(locale, value);
    const shown: unknown = intlFor(locale).formatMessage({ id: message.key satisfies MessageKey }, values);
    // Only strings and numbers go in, so a string comes out; anything else would be a formatter bug.
    return typeof shown === 'string' ? shown : String(shown);
  }

  return {
    locales: [SOURCE_LOCALE, ...Object.keys(catalog).filter((locale) => locale !== SOURCE_LOCALE)],
    translate,
    number: (locale, value) => intlFor(locale).formatNumber(value),
  };
}

let shared: Translator | undefined;

/** The translator over the catalog shipped with storyroom, read once; immutable, so one serves everyone. */
export function sharedTranslator(): Translator {
  shared ??= createTranslator();
  return shared;
}
