import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_MAX,
  type MessageDraft,
  messageBody,
  sameBody,
} from '../../../../src/adapters/discord/render/message-draft.ts';
import {
  voicesPointer,
  webhookUsername,
  withPointer,
} from '../../../../src/adapters/discord/render/voice-pointer.ts';
import type { Beat } from '../../../../src/story/types.ts';
import { hostileBeat, hostileText, noSurrogateSplit, withinBound } from '../../../helpers/hostile-text.ts';

const RUNS = 600;

describe('character voices on hostile beats', () => {
  // Taking the voiced lines out of a reply is the shared layer's (test/adapters/shared/split-voices); here,
  // Discord's pointer to them.
  it(`point to any voiced lines in bounded time (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(hostileBeat({ maxLength: 200 }), { maxLength: 6 }), (voiced) => {
        const pointer = withinBound(() => voicesPointer(voiced), 'voicesPointer');
        expect(pointer.startsWith('-# 🎭 ')).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it(`add the pointer without going over the message limit (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(hostileText({ maxLength: CONTENT_MAX }), { maxLength: 3 }),
        fc.array(hostileBeat(), { maxLength: 5 }),
        (contents, beats) => {
          const drafts: MessageDraft[] = contents.map((content) => ({
            content: content.slice(0, CONTENT_MAX),
            embeds: [],
            components: [],
          }));
          const pointer = voicesPointer(
            beats.map((beat): Beat => ({ ...beat, character: (beat.character ?? '').slice(0, 40) })),
          );
          for (const draft of withPointer(drafts, pointer)) {
            expect(draft.content.length).toBeLessThanOrEqual(CONTENT_MAX);
            const body = messageBody(draft);
            expect(body.allowed_mentions).toEqual({ parse: [] });
            expect(sameBody(body, messageBody(draft))).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`give every character a webhook name Discord accepts (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText({ maxLength: 200 }), (name) => {
        const username = withinBound(() => webhookUsername(name), 'webhookUsername');
        expect(username.length).toBeGreaterThan(0);
        expect(Array.from(username).length).toBeLessThanOrEqual(80);
        expect(username).not.toMatch(/discord|clyde/i);
        expect(noSurrogateSplit(username, name)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
