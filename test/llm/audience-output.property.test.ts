// Recaps and reviews from hostile story text (offline) and hostile model output (the finish checks): they
// end quickly, stay within their bounds, and keep the story's text as it was up to a cut.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finishRecap, finishReview } from '../../src/llm/audience-schemas.ts';
import { offlineRecap, offlineReview } from '../../src/llm/offline-audience.ts';
import { RECAP_MAX_CHARS } from '../../src/story/recap-review.ts';
import { canonicalPath } from '../../src/story/tree.ts';
import type { Author } from '../../src/story/types.ts';
import { hostileText, withinBound } from '../helpers/hostile-text.ts';
import { addCharacter, roomBuilder } from './fixtures.ts';

const fan: Author = { kind: 'user', id: 'u-fan', name: 'Fan' };
const hasLoneSurrogate = (text: string) =>
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe('offline recaps and reviews of hostile stories', () => {
  it('stay within their bounds, in bounded time, whatever the beats hold', () => {
    fc.assert(
      fc.property(
        fc.array(hostileText({ maxLength: 4000 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('en', 'zh-CN'),
        fc.option(hostileText({ maxLength: 3000 }), { nil: undefined }),
        (texts, language, summary) => {
          const builder = roomBuilder({ language });
          addCharacter(builder, 'Vera', 'x');
          for (const [i, text] of texts.entries())
            builder.beat(text || '.', i % 3 === 1 ? { character: 'Vera' } : {});
          builder.apply({ type: 'reaction.added', beatId: 'b3', emoji: '👍' }, fan);
          const beats = canonicalPath(builder.room);
          const recap = withinBound(
            () => offlineRecap({ room: builder.room, reader: 'Fan', beats, missed: beats.length, summary }),
            'offlineRecap',
          );
          expect(recap.text.length).toBeLessThanOrEqual(RECAP_MAX_CHARS);
          expect(recap.text.length).toBeGreaterThan(0);
          const review = withinBound(
            () =>
              offlineReview({
                room: builder.room,
                personal: {
                  name: 'Fan',
                  backed: [{ option: texts[0] ?? '', won: true, steered: beats[0] }],
                  reacted: [],
                },
              }),
            'offlineReview',
          );
          expect(review.stars).toBeGreaterThanOrEqual(1);
          expect(review.stars).toBeLessThanOrEqual(5);
          expect(review.logline.length).toBeLessThanOrEqual(300);
          expect(review.synopsis.length).toBeLessThanOrEqual(1000);
          expect(review.pullQuote.length).toBeLessThanOrEqual(200);
          expect(review.forYou?.length ?? 0).toBeLessThanOrEqual(800);
          expect(review.strengths.length).toBeGreaterThan(0);
          expect(review.weaknesses.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the model’s recaps and reviews, checked', () => {
  it('are cut to their bounds between graphemes, or refused with a reason for the repair', () => {
    const text = hostileText({ maxLength: 5000 });
    fc.assert(
      fc.property(
        text,
        text,
        fc.array(text, { maxLength: 5 }),
        fc.oneof(fc.double(), fc.integer({ min: -3, max: 9 })),
        fc.boolean(),
        (a, b, list, stars, personal) => {
          const recap = withinBound(() => finishRecap({ text: a }), 'finishRecap');
          if (recap.ok) {
            expect(recap.value.text.length).toBeLessThanOrEqual(RECAP_MAX_CHARS);
            // Nothing but the cut is lost, and the cut never splits an emoji's surrogate pair.
            const cleaned = a.replace(/\r\n?/g, '\n').trim();
            expect(cleaned.startsWith(recap.value.text)).toBe(true);
            if (!hasLoneSurrogate(cleaned)) expect(hasLoneSurrogate(recap.value.text)).toBe(false);
          } else expect(recap.problem).toBe('"text" is empty');
          const review = withinBound(
            () =>
              finishReview(personal)({
                logline: a,
                synopsis: b,
                strengths: list,
                weaknesses: list,
                stars,
                pullQuote: a,
                forYou: personal ? b : null,
              }),
            'finishReview',
          );
          if (!review.ok) {
            expect(review.problem.length).toBeGreaterThan(0);
            return;
          }
          expect(review.value.stars).toBeGreaterThanOrEqual(1);
          expect(review.value.stars).toBeLessThanOrEqual(5);
          expect(review.value.strengths.length).toBeLessThanOrEqual(3);
          for (const item of [...review.value.strengths, ...review.value.weaknesses])
            expect(item.length).toBeLessThanOrEqual(300);
          expect(review.value.synopsis.length).toBeLessThanOrEqual(1000);
          expect(review.value.forYou === undefined).toBe(!personal);
        },
      ),
      { numRuns: 300 },
    );
  });
});
