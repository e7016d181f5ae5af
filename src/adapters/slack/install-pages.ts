// The pages a workspace admin's browser shows at the end of the OAuth install flow, in their language (the
// browser's Accept-Language), from the catalog. The workspace name and the links are escaped: a workspace's
// name is whatever its admin typed.
import { sharedTranslator } from '../../i18n/catalog.ts';
import { matchLocale } from '../../i18n/match-locale.ts';
import { type Message, msg } from '../../i18n/message.ts';
import { escapeHtml } from '../../screenplay/html-transcript.ts';

export type InstallFailure = 'cancelled' | 'state' | 'other';

/** The catalog language a browser asks for: its Accept-Language tags by preference, the first we have. */
export function localeOfBrowser(acceptLanguage: string | undefined): string {
  const { locales } = sharedTranslator();
  const tags = (acceptLanguage ?? '')
    .slice(0, 1000)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params
        .map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1])
        .find((value) => value !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, q }) => tag !== '' && tag !== '*' && Number.isFinite(q) && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of tags) {
    const language = tag.split('-')[0]?.toLowerCase();
    if (locales.some((locale) => locale.split('-')[0]?.toLowerCase() === language))
      return matchLocale(tag, locales);
  }
  return matchLocale(undefined, locales);
}

export function renderInstalledPage(
  locale: string,
  facts: { workspace: string; command: string; openUrl: string },
): string {
  return page(locale, msg('slack-setup.installed.title'), [
    `<p>${text(locale, msg('slack-setup.installed.body', { workspace: facts.workspace, command: facts.command }))}</p>`,
    `<p><a href="${escapeHtml(facts.openUrl)}">${text(locale, msg('slack-setup.installed.open'))}</a></p>`,
  ]);
}

export function renderFailedPage(
  locale: string,
  facts: { reason: InstallFailure; retryUrl: string },
): string {
  return page(locale, msg('slack-setup.failed.title'), [
    `<p>${text(locale, msg('slack-setup.failed.body', { reason: facts.reason }))}</p>`,
    `<p><a href="${escapeHtml(facts.retryUrl)}">${text(locale, msg('slack-setup.failed.retry'))}</a></p>`,
  ]);
}

const text = (locale: string, message: Message) => escapeHtml(sharedTranslator().translate(locale, message));

function page(locale: string, title: Message, body: string[]): string {
  const heading = text(locale, title);
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(locale)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${heading}</title></head>`,
    `<body><h1>${heading}</h1>`,
    ...body,
    '</body></html>',
  ].join('\n');
}
