import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mentionedCharacters, rankEarlierBeats, termsOf } from '../../../src/llm/prompt/select-lore.ts';
import { canonicalPath } from '../../../src/story/tree.ts';
import { hostileLine, hostileText, withinBound } from '../../helpers/hostile-text.ts';
import { addCharacter, roomBuilder } from '../fixtures.ts';

const RUNS = 300;

describe('lore selection on hostile text', () => {
  it(`finds terms that occur in the text, in bounded time (${RUNS * 2} runs)`, () => {
    fc.assert(
      fc.property(hostileText({ maxLength: 10_000 }), (text) => {
        const terms = withinBound(() => termsOf(text), 'termsOf');
        const lower = text.toLowerCase();
        for (const term of terms)
          expect(lower.includes(term) || lower.includes(`${term}'`) || lower.includes(`${term}’`)).toBe(true);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it(`ranks earlier beats and finds named characters in any story, in bounded time (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(hostileText({ maxLength: 500 }), { minLength: 1, maxLength: 15 }),
        fc.array(hostileLine({ maxLength: 40 }), { maxLength: 4 }),
        hostileText({ maxLength: 1000 }),
        (beats, names, direction) => {
          const builder = roomBuilder();
          for (const [i, name] of names.entries()) addCharacter(builder, `${name}${i}`, 'someone');
          for (const text of beats) builder.beat(text);
          const room = builder.room;
          const path = canonicalPath(room);
          const ranked = withinBound(
            () => rankEarlierBeats(room, path, path.length - 1, { direction, recent: beats.at(-1) ?? '' }, 8),
            'rankEarlierBeats',
          );
          expect(ranked.length).toBeLessThanOrEqual(8);
          for (const position of ranked) expect(position).toBeLessThan(path.length - 1);
          const named = withinBound(
            () => mentionedCharacters(room, direction, path.slice(-3)),
            'mentionedCharacters',
          );
          for (const character of named) expect(room.characters).toContain(character);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
