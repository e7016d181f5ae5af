// Command names and group descriptions in other languages (from src/commands) as Discord's localization
// maps, keeping only the locales Discord knows.
import { Locale, type LocalizationMap } from 'discord.js';
import { ZH_CN_WORDS } from '../../commands/command-localizations.ts';

export function nameLocalizations(word: string): LocalizationMap | undefined {
  const zh = ZH_CN_WORDS[word];
  return zh ? { [Locale.ChineseCN]: zh } : undefined;
}

const LOCALES = new Set<string>(Object.values(Locale));

/** Keeps the locales Discord knows (it rejects the whole payload for an unknown one). */
export function discordLocalizations(
  map: Readonly<Record<string, string | null | undefined>> | undefined,
): LocalizationMap | undefined {
  if (!map) return undefined;
  const entries = Object.entries(map).filter(([locale]) => LOCALES.has(locale));
  return entries.length > 0 ? (Object.fromEntries(entries) as LocalizationMap) : undefined;
}
