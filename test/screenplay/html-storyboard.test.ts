// Storyboard frames in the HTML transcript, opened in a real headless browser (Debian's chromium through
// puppeteer-core): the picture shows, from its data: URI, under the transcript's Content Security Policy; a
// hostile prompt is text; nothing outside the file is requested.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHtml } from '../../src/screenplay/html-transcript.ts';
import type { StoryEvent } from '../../src/story/events.ts';
import { type RoomHistory, replay } from '../../src/story/room-history.ts';
import { makeRichHistory } from '../helpers/export-room.ts';
import { tinyPng } from '../helpers/fake-images-server.ts';

let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'storyroom-storyboard-'));
  browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    userDataDir: join(dir, 'profile'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The rich history with two frames of its first scene: one whose bytes are kept, one whose are not. */
async function withFrames(): Promise<RoomHistory> {
  const { history } = await makeRichHistory();
  const scene = Object.values(history.state.scenes)[0];
  const beat = Object.values(history.state.beats).find((b) => b.sceneId === scene?.id);
  if (!scene || !beat) throw new Error('the rich history has no scene');
  const png = tinyPng(3, 2);
  const last = history.events.at(-1) as StoryEvent;
  const frame = (id: string, prompt: string): StoryEvent => ({
    v: last.v,
    seq: last.seq + (id === 'p1' ? 1 : 2),
    at: last.at,
    actor: { kind: 'user', id: 'u1', name: 'Alice' },
    type: 'scene.pictured',
    picture: {
      id,
      beatId: beat.id,
      sceneId: scene.id,
      name: `storyboard-${id}.png`,
      mime: 'image/png',
      size: png.length,
      sha256: id.repeat(32),
      model: 'sd-test',
      prompt,
    },
  });
  const events = [
    ...history.events,
    frame('p1', 'A frame "><script>alert(1)</script><img src=x onerror=alert(2)>'),
    frame('p2', 'An older frame'),
  ];
  return {
    ...history,
    events,
    state: replay(history.roomId, history.ref, events),
    pictures: { p1: { mime: 'image/png', base64: Buffer.from(png).toString('base64') } },
  };
}

describe('storyboard frames in the HTML transcript', () => {
  it('show the picture from its data: URI, keep the prompt as text, and request nothing else', async () => {
    const file = join(dir, 'storyboard.html');
    writeFileSync(file, toHtml(await withFrames(), { scope: 'story' }));
    const page = await browser.newPage();
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    const shown = await page.$$eval('.storyboard figure', (figures) =>
      figures.map((figure) => {
        const image = figure.querySelector('img');
        return {
          id: figure.id,
          width: image?.naturalWidth ?? -1,
          height: image?.naturalHeight ?? -1,
          caption: figure.querySelector('figcaption')?.textContent ?? '',
          note: figure.querySelector('.note')?.textContent ?? '',
        };
      }),
    );
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatchObject({ id: 'p1', width: 3, height: 2 });
    expect(shown[0]?.caption).toContain('<script>alert(1)</script><img src=x onerror=alert(2)>');
    expect(shown[1]).toMatchObject({ id: 'p2', width: -1 });
    expect(shown[1]?.note).toContain('no longer kept');
    expect(dialogs).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://') && !url.startsWith('data:'))).toEqual([]);
    await page.close();
  });
});
