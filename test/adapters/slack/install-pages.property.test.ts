// The install flow's pages with whatever a workspace admin named their workspace, and whatever a browser
// sends as Accept-Language: the page shows the name whole and inert, and always has a language we have.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  localeOfBrowser,
  renderFailedPage,
  renderInstalledPage,
} from '../../../src/adapters/slack/install-pages.ts';
import { hostileText, withinBound } from '../../helpers/hostile-text.ts';

const unescapeHtml = (html: string) =>
  html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');

const htmlSpecials = fc.string({
  unit: fc.constantFrom('<', '>', '&', '"', "'", 'a', ' ', '/', '=', 'script'),
});

describe('install pages', () => {
  it('show any workspace name whole, with nothing of it read as markup', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileText(), htmlSpecials),
        fc.constantFrom('en', 'zh-CN'),
        (workspace, locale) => {
          const page = withinBound(() =>
            renderInstalledPage(locale, {
              workspace,
              command: '/scene start',
              openUrl: 'https://slack.com/',
            }),
          );
          const body = /<p>([\s\S]*?)<\/p>/.exec(page)?.[1] ?? '';
          expect(body).not.toMatch(/[<>"']/);
          expect(unescapeHtml(body)).toContain(workspace);
          expect(page.match(/<[a-z/!][^>]*>/gi)?.length).toBe(
            renderInstalledPage(locale, {
              workspace: 'x',
              command: '/scene start',
              openUrl: 'https://slack.com/',
            }).match(/<[a-z/!][^>]*>/gi)?.length,
          );
        },
      ),
    );
  });

  it('escape the links they point to', () => {
    fc.assert(
      fc.property(hostileText({ maxLength: 200 }), (url) => {
        const page = renderFailedPage('en', { reason: 'other', retryUrl: url });
        const href = /href="([^"]*)"/.exec(page)?.[1];
        expect(unescapeHtml(href ?? '')).toBe(url);
      }),
    );
  });

  it('pick a catalog language from any Accept-Language, by preference', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText({ maxLength: 2000 }), fc.string()), (header) => {
        expect(['en', 'zh-CN']).toContain(withinBound(() => localeOfBrowser(header)));
      }),
    );
    expect(localeOfBrowser('fr-CH, fr;q=0.9, zh;q=0.8, en;q=0.7')).toBe('zh-CN');
    expect(localeOfBrowser('en;q=0.4, zh-TW;q=0.6')).toBe('zh-CN');
    expect(localeOfBrowser('zh-CN;q=0, en')).toBe('en');
    expect(localeOfBrowser(undefined)).toBe('en');
  });
});
