// A UserError's text as the person reading in `locale` is told it (no vitest here: child processes use it).
import { sharedTranslator } from '../../src/i18n/catalog.ts';
import type { UserError } from '../../src/story/errors.ts';

export const shownText = (error: UserError, locale = 'en'): string =>
  typeof error.text === 'string' ? error.text : sharedTranslator().translate(locale, error.text);
