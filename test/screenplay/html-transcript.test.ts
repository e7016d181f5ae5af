// The HTML transcript, opened in a real headless browser (Debian's chromium through puppeteer-core): hostile
// text in the story runs nothing, the file asks for nothing outside itself, and the vote log is on the page.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, toHtml } from '../../src/screenplay/html-transcript.ts';
import { storyMapSvg } from '../../src/screenplay/story-map-svg.ts';
import type { RoomHistory } from '../../src/story/room-history.ts';
import { HOSTILE, makeRichHistory } from '../helpers/export-room.ts';

const CHROMIUM = '/usr/bin/chromium';
let browser: Browser;
let dir: string;
let history: RoomHistory;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'storyroom-html-'));
  ({ history } = await makeRichHistory());
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: join(dir, 'profile'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(html: string) {
  const file = join(dir, `t${Math.random().toString(36).slice(2)}.html`);
  writeFileSync(file, html);
  const page = await browser.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  return { page, requests, dialogs, url: `file://${file}` };
}

describe('HTML transcript', () => {
  it('runs no script from the story, requests nothing outside itself, and shows the vote log', async () => {
    const html = toHtml(history, { scope: 'all', mapSvg: storyMapSvg(history) });
    const { page, requests, dialogs, url } = await open(html);
    // Run in the page (a string: this project's types have no DOM).
    const seen = (await page.evaluate(`({
      pwned: window.__pwned ?? null,
      scripts: document.querySelectorAll('script').length,
      images: document.querySelectorAll('img').length,
      jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
      styles: document.querySelectorAll('style').length,
      text: document.body.innerText,
      times: [...document.querySelectorAll('time')].filter((t) => t.title).length,
      votes: [...document.querySelectorAll('section.vote')].map((s) => s.innerText),
      struck: [...document.querySelectorAll('del')].map((d) => d.textContent),
      map: document.querySelectorAll('.map svg').length,
    })`)) as {
      pwned: string | null;
      scripts: number;
      images: number;
      jsLinks: number;
      styles: number;
      text: string;
      times: number;
      votes: string[];
      struck: string[];
      map: number;
    };
    expect(seen.pwned).toBeNull();
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([url]);
    expect(seen.scripts).toBe(1);
    expect(seen.images).toBe(0);
    expect(seen.jsLinks).toBe(0);
    expect(seen.styles).toBe(1);
    // The hostile text is on the page as text.
    for (const hostile of Object.values(HOSTILE)) expect(seen.text).toContain(hostile);
    // Our own script ran: times are shown in the reader's zone, the ISO time kept as the title.
    expect(seen.times).toBeGreaterThan(20);
    expect(seen.votes).toHaveLength(3);
    expect(seen.votes[0]).toContain('A. Take the back door: 0');
    expect(seen.votes[0]).toContain('B. Wait for <Sam>: 3');
    expect(seen.votes[0]).toMatch(/@Bo \^: B/);
    expect(seen.votes[0]).toMatch(/Ana <b>&amp;<\/b>: B .*\(changed 1×\)/);
    expect(seen.votes[0]).toContain('Result: B. Wait for <Sam> (won)');
    expect(seen.votes[1]).toContain('Result: B. Talk (chosen by a moderator)');
    expect(seen.votes[2]).toContain('Result: cancelled');
    expect(seen.struck.join(' ')).toContain('An abandoned line.');
    expect(seen.text).toContain('/scene rewrite');
    expect(seen.text).toContain('/scene undo');
    expect(seen.text).toMatch(/Mo\s+locked the room/);
    expect(seen.map).toBe(1);
    await page.close();
  });

  it('filters to the story alone', async () => {
    const { page } = await open(toHtml(history, { scope: 'all' }));
    await page.click('#story-only');
    const text = (await page.evaluate('document.body.innerText')) as string;
    expect(text).not.toContain('An abandoned line.');
    expect(text).not.toContain('Ballots:');
    expect(text).toContain('Keep the engine running.');
    await page.close();
  });

  it('escapes any text so the browser shows it as it is (property)', async () => {
    const page = await browser.newPage();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (value) => {
        const html = JSON.stringify(`<span>${escapeHtml(value)}</span>`);
        const shown = await page.evaluate(
          `(() => { const div = document.createElement('div'); div.innerHTML = ${html}; return { text: div.textContent, elements: div.querySelectorAll('*').length }; })()`,
        );
        expect(shown).toEqual({
          text: value.replace(/\r\n?/g, '\n').replaceAll('\0', '\uFFFD'),
          elements: 1,
        });
      }),
      { numRuns: 100 },
    );
    await page.close();
  });
});
