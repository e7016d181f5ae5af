// Filling the offline narrator's templates: {name} placeholders for story text, ICU MessageFormat (plurals,
// percentages in the language's own form) for the critique's counts.
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { OFFLINE_TEMPLATES } from './templates/index.ts';

/** Replaces each {key} with its value; a placeholder without a value stays as it is. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

const cache = createIntlCache();
const intls = new Map<string, IntlShape>();

type CritiqueComment = 'structure' | 'pacing' | 'consistency' | 'dialogue';

/** One of the critique's ICU comments in a templates locale (see offlineLocale). */
export function formatComment(
  locale: string,
  key: CritiqueComment,
  values: Readonly<Record<string, number>>,
): string {
  let intl = intls.get(locale);
  if (!intl) {
    const critique = (OFFLINE_TEMPLATES[locale] ?? OFFLINE_TEMPLATES.en)?.critique;
    const messages: Record<string, string> = {
      structure: critique?.structure ?? '',
      pacing: critique?.pacing ?? '',
      consistency: critique?.consistency ?? '',
      dialogue: critique?.dialogue ?? '',
    };
    intl = createIntl({ locale, messages, onError: () => {} }, cache);
    intls.set(locale, intl);
  }
  return intl.formatMessage({ id: key }, values);
}
