// The offline narrator's languages. Adding one is a data file of OfflineTemplates and a line here; a room
// whose language is not listed gets the closest one (zh-Hans finds zh-CN) or English.
import { matchLocale } from '../../../i18n/match-locale.ts';
import { en } from './en.ts';
import type { OfflineTemplates } from './types.ts';
import { zhCN } from './zh-CN.ts';

export type { OfflineTemplates } from './types.ts';

export const OFFLINE_TEMPLATES: Readonly<Record<string, OfflineTemplates>> = { en, 'zh-CN': zhCN };

const locales = Object.keys(OFFLINE_TEMPLATES);

/** The templates' locale for a room's language (a BCP 47 tag; undefined before a story starts). */
export const offlineLocale = (language: string | undefined): string => matchLocale(language, locales);

export const templatesFor = (language: string | undefined): OfflineTemplates =>
  OFFLINE_TEMPLATES[offlineLocale(language)] ?? en;
