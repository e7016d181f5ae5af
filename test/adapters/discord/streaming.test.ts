import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import { scriptedNarrator } from '../../helpers/discord-narrator.ts';
import { ALICE, APP_ID, slashCommand } from '../../helpers/discord-payloads.ts';
import type { RecordedCall } from '../../helpers/discord-rest.ts';
import { rateLimitHeaders } from '../../helpers/discord-rest.ts';

let harness: Harness;
afterEach(() => harness.close());

const WRITING = '\n-# ✍️ writing…';
const original = (token: string) => `/webhooks/${APP_ID}/${token}/messages/@original`;
const followUpsOf = (token: string) => `/webhooks/${APP_ID}/${token}`;
/** A paragraph of about 860 characters: two fit in one message, three do not. */
const paragraph = (n: number) => `${`Paragraph ${n} ${'rain on the neon '.repeat(50)}`.trim()}.`;

async function startStory(h: Harness) {
  await h.send(slashCommand('scene start', { title: 'The Long Night' }, ALICE));
}

/** What each message of a reply shows at the end: the last successful write to each, in message order. */
function finalMessages(calls: RecordedCall[], token: string): string[] {
  const shown = new Map<string, string>();
  for (const call of calls) {
    if (!call.path.startsWith(`/webhooks/${APP_ID}/${token}`) || call.status !== 200) continue;
    const id = call.path.endsWith('@original') ? '@original' : (call.responseId ?? '');
    shown.set(id, call.body.content);
  }
  for (const call of calls) {
    if (call.method === 'DELETE' && call.path.includes(token))
      shown.delete(call.path.split('/').at(-1) ?? '');
  }
  return [...shown.values()];
}

describe('streamed beats', () => {
  it('edits the reply while the narrator writes, at most once per interval, then shows the complete beat', async () => {
    const pieces = Array.from({ length: 30 }, (_, index) => `word${index} `);
    harness = await startHarness({
      narrator: scriptedNarrator({ pieces, pauseMs: 10 }),
      config: { streamEditMs: 80 },
    });
    await startStory(harness);
    const payload = slashCommand('scene continue', {}, ALICE);

    await harness.send(payload);

    const edits = harness.rest.find('PATCH', new RegExp(`^${original(payload.token)}$`));
    const previews = edits.filter((edit) => edit.body.content.endsWith(WRITING));
    const final = edits.at(-1);
    const complete = pieces.join('').trim();
    expect(previews.length).toBeGreaterThanOrEqual(2);
    // Every preview is the beginning of the finished text.
    for (const preview of previews) {
      expect(complete.startsWith(preview.body.content.slice(0, -WRITING.length).trim())).toBe(true);
    }
    // Previews start at most once per 80 ms interval. They are timed here when sent, which a busy machine
    // can delay for one and not the next, so the count is held to the span they cover (one interval of slack).
    const span = (previews.at(-1)?.at ?? 0) - (previews[0]?.at ?? 0);
    expect(previews.length - 1).toBeLessThanOrEqual(Math.floor(span / 80) + 1);
    expect(final?.body.content).toBe(complete);
    expect(final?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('continues long text in follow-ups split at paragraph breaks, every message within 2,000 characters', async () => {
    const [p1, p2, p3, p4] = [1, 2, 3, 4].map(paragraph);
    const text = [p1, p2, p3, p4].join('\n\n');
    expect(text.length).toBeGreaterThan(3000);
    harness = await startHarness({
      narrator: scriptedNarrator({ pieces: text.match(/.{1,200}/gs) ?? [], pauseMs: 5 }),
      config: { streamEditMs: 30 },
    });
    await startStory(harness);
    const payload = slashCommand('scene continue', {}, ALICE);

    await harness.send(payload);

    // Two paragraphs fit in 2,000 characters, three do not: the original reply, then one follow-up.
    expect(finalMessages(harness.rest.calls, payload.token)).toEqual([`${p1}\n\n${p2}`, `${p3}\n\n${p4}`]);
    const followUps = harness.rest.find('POST', new RegExp(`^/webhooks/${APP_ID}/${payload.token}$`));
    expect(followUps.length).toBeGreaterThanOrEqual(1);
    for (const call of harness.rest.calls.filter((c) => c.path.includes(payload.token) && c.body?.content)) {
      expect(call.body.content.length).toBeLessThanOrEqual(2000);
      expect(call.body.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('splits a long paragraph at line breaks, each message as many whole lines as fit', async () => {
    const lines = Array.from({ length: 70 }, (_, n) => `Line ${n}: the neon hums over the wet street.`);
    harness = await startHarness({
      narrator: scriptedNarrator({ pieces: [lines.join('\n')], pauseMs: 5 }),
      config: { streamEditMs: 30 },
    });
    await startStory(harness);
    const payload = slashCommand('scene continue', {}, ALICE);

    await harness.send(payload);

    let firstCount = 0;
    while (lines.slice(0, firstCount + 1).join('\n').length <= 2000) firstCount++;
    expect(finalMessages(harness.rest.calls, payload.token)).toEqual([
      lines.slice(0, firstCount).join('\n'),
      lines.slice(firstCount).join('\n'),
    ]);
  });

  it('still ends with the complete text, in order, when Discord answers 429 in the middle', async () => {
    const pieces = Array.from({ length: 24 }, (_, index) => `step${index} `);
    harness = await startHarness({
      narrator: scriptedNarrator({ pieces, pauseMs: 10 }),
      config: { streamEditMs: 40 },
    });
    await startStory(harness);
    const payload = slashCommand('scene continue', {}, ALICE);
    let limited = 0;
    harness.client.rest.on('rateLimited', () => limited++);
    harness.rest.failNext(
      (call) => call.path === original(payload.token) && call.body.content.includes('step3'),
      429,
      { message: 'You are being rate limited.', retry_after: 0.15, global: false },
      rateLimitHeaders(0.15),
    );

    await harness.send(payload);

    const edits = harness.rest.find('PATCH', new RegExp(`^${original(payload.token)}$`));
    expect(edits.some((edit) => edit.status === 429)).toBe(true);
    // discord.js waited out the 429. It re-checks the bucket after sleeping and, when its timer fired a
    // millisecond before the reset by Date.now(), reports that last millisecond as a second wait.
    expect(limited).toBeGreaterThanOrEqual(1);
    const delivered = edits.filter((edit) => edit.status === 200).map((edit) => edit.body.content);
    const complete = pieces.join('').trim();
    // Each delivered edit shows at least as much as the one before it, and the last is the whole beat.
    for (const [index, content] of delivered.entries()) {
      const text = content.replace(WRITING, '').trim();
      expect(complete.startsWith(text)).toBe(true);
      const before = delivered[index - 1]?.replace(WRITING, '').trim() ?? '';
      expect(text.length).toBeGreaterThanOrEqual(before.length);
    }
    expect(delivered.at(-1)).toBe(complete);
  });

  it('ends with the complete text when Discord answers 429 to the final edit of the reply', async () => {
    const pieces = ['The rain ', 'stops. ', 'Nobody ', 'moves.'];
    const complete = pieces.join('').trim();
    harness = await startHarness({
      narrator: scriptedNarrator({ pieces, pauseMs: 10 }),
      config: { streamEditMs: 20 },
    });
    await startStory(harness);
    const payload = slashCommand('scene continue', {}, ALICE);
    harness.rest.failNext(
      (call) =>
        call.method === 'PATCH' && call.path === original(payload.token) && call.body.content === complete,
      429,
      { message: 'You are being rate limited.', retry_after: 0.15, global: false },
      rateLimitHeaders(0.15),
    );

    await harness.send(payload);

    const edits = harness.rest.find('PATCH', new RegExp(`^${original(payload.token)}$`));
    expect(edits.at(-2)).toMatchObject({ status: 429, body: { content: complete } });
    expect(edits.at(-1)).toMatchObject({ status: 200, body: { content: complete } });
    expect(finalMessages(harness.rest.calls, payload.token)).toEqual([complete]);
  });

  it('ends with every message, in order, when Discord answers 429 to a follow-up of a long beat', async () => {
    const [p1, p2, p3, p4] = [1, 2, 3, 4].map(paragraph);
    harness = await startHarness({
      // The preview shows only the short first piece; the rest arrives as the final reply's follow-up.
      narrator: scriptedNarrator({ pieces: ['It begins. ', [p1, p2, p3, p4].join('\n\n')], pauseMs: 20 }),
      config: { streamEditMs: 10_000 },
    });
    await startStory(harness);
    const payload = slashCommand('scene continue', {}, ALICE);
    harness.rest.failNext(
      (call) => call.method === 'POST' && call.path === followUpsOf(payload.token),
      429,
      { message: 'You are being rate limited.', retry_after: 0.15, global: false },
      rateLimitHeaders(0.15),
    );

    await harness.send(payload);

    const posts = harness.rest.find('POST', new RegExp(`^${followUpsOf(payload.token)}$`));
    expect(posts.map((post) => post.status)).toEqual([429, 200]);
    expect(finalMessages(harness.rest.calls, payload.token)).toEqual([
      `It begins. ${p1}\n\n${p2}`,
      `${p3}\n\n${p4}`,
    ]);
  });
});
