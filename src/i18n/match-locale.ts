// Which of the catalog's languages a reader gets: Discord's "zh-CN", Slack's "zh-CN", a terminal's
// "zh_CN.UTF-8" or a room's "zh" all find Chinese; anything the catalog lacks finds English.
import { SOURCE_LOCALE } from './catalog.ts';

export function matchLocale(tag: string | undefined, locales: readonly string[]): string {
  const wanted = canonical(tag);
  if (!wanted) return SOURCE_LOCALE;
  const exact = locales.find((locale) => locale.toLowerCase() === wanted.toLowerCase());
  if (exact) return exact;
  // Same language, another region or script (zh-TW, zh-Hans, en-GB): the closest we have.
  const language = wanted.split('-')[0]?.toLowerCase();
  return locales.find((locale) => locale.split('-')[0]?.toLowerCase() === language) ?? SOURCE_LOCALE;
}

/** "zh_CN.UTF-8" → "zh-CN"; "C" and "POSIX" (no language) → undefined. */
function canonical(tag: string | undefined): string | undefined {
  const bare = tag?.trim().split(/[.@]/)[0]?.replace(/_/g, '-');
  if (!bare || bare === 'C' || bare === 'POSIX') return undefined;
  try {
    return new Intl.Locale(bare).toString();
  } catch {
    return undefined;
  }
}
