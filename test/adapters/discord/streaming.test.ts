import { afterEach, describe, expect, it } from 'vitest';
import { escapeText } from '../../../src/adapters/discord/render/escape-text.ts';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import { scriptedNarrator } from '../../helpers/discord-narrator.ts';
import { ALICE, APP_ID, CHANNEL_ID, slashCommand } from '../../helpers/discord-payloads.ts';
import type { RecordedCall } from '../../helpers/discord-rest.ts';
import { rateLimitHeaders } from '../../helpers/discord-rest.ts';

let harness: Harness;
afterEach(() => harness.close());

const WRITING = '\n-# ✍️ writing…';
const original = (token: string) => `/webhooks/${APP_ID}/${token}/messages/@original`;

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
    for (const [index, preview] of previews.entries()) {
      // Every preview is the beginning of the finished text, and previews come at most once per interval.
      expect(complete.startsWith(preview.body.content.slice(0, -WRITING.length).trim())).toBe(true);
      const before = previews[index - 1];
      if (before) expect(preview.at - before.at).toBeGreaterThanOrEqual(75);
    }
    expect(final?.body.content).toBe(complete);
    expect(final?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('continues long text in follow-ups split at paragraph breaks, every message within 2,000 characters', async () => {
    const paragraph = (n: number) => `${`Paragraph ${n} ${'rain on the neon '.repeat(50)}`.trim()}.`;
    const text = [1, 2, 3, 4].map(paragraph).join('\n\n');
    expect(text.length).toBeGreaterThan(3000);
    harness = await startHarness({
      narrator: scriptedNarrator({ pieces: text.match(/.{1,200}/gs) ?? [], pauseMs: 5 }),
      config: { streamEditMs: 30 },
    });
    await startStory(harness);
    const payload = slashCommand('scene continue', {}, ALICE);

    await harness.send(payload);

    const messages = finalMessages(harness.rest.calls, payload.token);
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const content of messages) expect(content.length).toBeLessThanOrEqual(2000);
    // Split only between paragraphs, and nothing lost or reordered.
    expect(messages.join('\n\n')).toBe(escapeText(text));
    const followUps = harness.rest.find('POST', new RegExp(`^/webhooks/${APP_ID}/${payload.token}$`));
    expect(followUps.length).toBeGreaterThanOrEqual(1);
    for (const call of harness.rest.calls.filter((c) => c.path.includes(payload.token) && c.body?.content)) {
      expect(call.body.content.length).toBeLessThanOrEqual(2000);
      expect(call.body.allowed_mentions).toEqual({ parse: [] });
    }
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

  it('posts the end of a generation that outlives the 15-minute token as a normal channel message', async () => {
    let skew = 0;
    const pieces = ['The rain ', 'stops. ', 'Nobody ', 'moves.'];
    harness = await startHarness({
      narrator: scriptedNarrator({
        pieces,
        pauseMs: 20,
        // Halfway through, the interaction token runs out.
        beforePiece: (index) => {
          if (index === 2) skew = 15 * 60 * 1000;
        },
      }),
      config: { streamEditMs: 10 },
      now: () => Date.now() + skew,
    });
    await startStory(harness);
    const payload = slashCommand('scene continue', {}, ALICE);

    await harness.send(payload);

    const posted = harness.rest.find('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`));
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toMatchObject({
      content: 'The rain stops. Nobody moves.',
      allowed_mentions: { parse: [] },
    });
    const postedAt = harness.rest.calls.indexOf(posted[0] as RecordedCall);
    const usingTheTokenAfter = harness.rest.calls
      .slice(postedAt)
      .filter((call) => call.path.includes(payload.token));
    expect(usingTheTokenAfter).toEqual([]);
  });
});
