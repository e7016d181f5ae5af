// Scene cards and picture prompts from hostile text (people's notes, a model's fields, character sheets):
// bounded, one line per field, no invisible characters or split surrogates, quickly, and nothing visible lost
// that fits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoryEvent } from '../../src/story/events.ts';
import { PICTURE_PROMPT_MAX, picturePrompt } from '../../src/story/picture-prompt.ts';
import { applyEvent, emptyRoom } from '../../src/story/reduce.ts';
import {
  CARD_LIMITS,
  CARD_TEXT_MAX,
  cardDescription,
  cutGraphemes,
  normalizeSceneCard,
  type SceneCard,
  sceneCardParts,
} from '../../src/story/scene-card.ts';
import { DEFAULT_SETTINGS, type Scene } from '../../src/story/types.ts';
import {
  hostileLine,
  hostileText,
  noSurrogateSplit,
  stringsIn,
  withinBound,
} from '../helpers/hostile-text.ts';

const RUNS = 300;

const hostileCard = (): fc.Arbitrary<SceneCard> =>
  fc.record({
    heading: hostileText({ maxLength: 300 }),
    location: hostileText({ maxLength: 600 }),
    timeOfDay: hostileText({ maxLength: 300 }),
    atmosphere: hostileText({ maxLength: 600 }),
    lighting: hostileText({ maxLength: 600 }),
    sounds: hostileText({ maxLength: 600 }),
    props: fc.array(hostileLine({ maxLength: 200 }), { maxLength: 12 }),
    present: fc.array(
      fc.record({ name: hostileLine({ maxLength: 80 }), wants: hostileText({ maxLength: 400 }) }),
      { maxLength: 12 },
    ),
  });

const BREAKS = /[\r\n\u2028\u2029\u0085]/;
// Zero-width space, right-to-left override, NUL to backspace.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const INVISIBLE = /[\u200b\u202e\u0000-\u0008]/;

describe('normalizeSceneCard', () => {
  it('keeps every field within its limit, on one line, without invisibles or split characters (property)', () => {
    fc.assert(
      fc.property(hostileCard(), (raw) => {
        const card = withinBound(() => normalizeSceneCard(raw), 'normalizeSceneCard');
        expect(card.heading.length).toBeLessThanOrEqual(CARD_LIMITS.heading);
        for (const key of ['location', 'timeOfDay', 'atmosphere', 'lighting', 'sounds'] as const)
          expect(card[key].length).toBeLessThanOrEqual(CARD_LIMITS.field);
        expect(card.props.length).toBeLessThanOrEqual(CARD_LIMITS.props);
        expect(card.present.length).toBeLessThanOrEqual(CARD_LIMITS.present);
        for (const prop of card.props) expect(prop.length).toBeGreaterThan(0);
        for (const person of card.present) {
          expect(person.name.length).toBeGreaterThan(0);
          expect(person.name.length).toBeLessThanOrEqual(CARD_LIMITS.name);
          expect(person.wants.length).toBeLessThanOrEqual(CARD_LIMITS.wants);
        }
        for (const value of stringsIn(card)) {
          expect(value).not.toMatch(BREAKS);
          expect(value).not.toMatch(INVISIBLE);
          expect(noSurrogateSplit(value, ...stringsIn(raw))).toBe(true);
        }
        // Normalizing twice changes nothing more.
        expect(normalizeSceneCard(card)).toEqual(card);
        const text = sceneCardParts(card)
          .map((part) => part.text)
          .join('\n');
        expect(text.length).toBeLessThanOrEqual(CARD_TEXT_MAX);
        expect(cardDescription(card, 300).length).toBeLessThanOrEqual(300);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps plain text that fits exactly as written', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.]{0,150}[A-Za-z0-9.]$/), (plain) => {
        const text = plain.replace(/ +/g, ' ');
        const card = normalizeSceneCard({
          heading: 'INT. X - DAY',
          location: text,
          timeOfDay: text,
          atmosphere: text,
          lighting: text,
          sounds: text,
          props: [text.slice(0, CARD_LIMITS.prop).trim()],
          present: [{ name: 'Vera', wants: text }],
        });
        expect(card.location).toBe(text);
        expect(card.present[0]?.wants).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('cutGraphemes', () => {
  it('never exceeds the limit nor splits a character, whatever the text (property)', () => {
    fc.assert(
      fc.property(hostileText({ maxLength: 2000 }), fc.integer({ min: 0, max: 500 }), (text, max) => {
        const cut = withinBound(() => cutGraphemes(text, max));
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(text.startsWith(cut.trimEnd()) || text.trimEnd().startsWith(cut)).toBe(true);
        expect(noSurrogateSplit(cut, text)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('picturePrompt', () => {
  const at = '2026-01-01T00:00:00.000Z';
  const alice = { kind: 'user' as const, id: 'u1', name: 'Alice' };
  function roomWith(
    rating: 'general' | 'teen' | 'mature',
    card: SceneCard,
    descriptions: string[],
    line: string,
    notes?: string,
  ) {
    const room = emptyRoom('r', { platform: 'console', workspaceId: 'local', channelId: 'x' });
    let seq = 0;
    const apply = (body: object) =>
      applyEvent(room, { v: 3, seq: ++seq, at, actor: alice, ...body } as StoryEvent);
    apply({
      type: 'story.started',
      story: {
        title: 'T',
        premise: '',
        genre: 'noir',
        tone: 't',
        language: 'en',
        rating,
        startedBy: alice,
        startedAt: at,
      },
      settings: { ...DEFAULT_SETTINGS },
    });
    if (notes !== undefined) apply({ type: 'style.set', style: { notes, setBy: alice, at } });
    for (const [i, description] of descriptions.entries()) {
      apply({
        type: 'character.added',
        character: { name: `C${i}`, description, voice: '', createdBy: alice, createdAt: at },
      });
    }
    const scene: Scene = { id: 's9', heading: 'INT. DINER - NIGHT', description: '', card };
    apply({
      type: 'beat.added',
      beat: {
        id: 'b9',
        parentId: null,
        kind: 'scene',
        text: scene.heading,
        sceneId: 's9',
        author: alice,
        at,
      },
      scene,
    });
    apply({
      type: 'beat.added',
      beat: { id: 'b10', parentId: 'b9', kind: 'dialogue', character: 'C0', text: line, author: alice, at },
    });
    return room;
  }

  it('stays within the limit and always keeps the rating and the no-lettering rule, whatever the style notes (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('general' as const, 'teen' as const, 'mature' as const),
        hostileCard().map(normalizeSceneCard),
        fc.array(hostileText({ maxLength: 1000 }), { maxLength: 8 }),
        hostileText({ maxLength: 4000 }),
        fc.option(hostileText({ maxLength: 2000 }), { nil: undefined }),
        (rating, card, descriptions, line, notes) => {
          const room = roomWith(
            rating,
            { ...card, present: descriptions.map((_, i) => ({ name: `C${i}`, wants: 'x' })) },
            descriptions,
            line,
            notes,
          );
          const scene = room.scenes.s9 as Scene;
          const prompt = withinBound(() => picturePrompt(room, scene, room.beats.b10));
          expect(prompt.length).toBeLessThanOrEqual(PICTURE_PROMPT_MAX);
          expect(prompt).toContain('No text, captions, lettering or speech bubbles');
          expect(prompt).toContain(
            rating === 'general' ? 'Suitable for all ages' : rating === 'teen' ? 'PG-13' : 'Adult themes',
          );
          expect(noSurrogateSplit(prompt, card.location, line, notes ?? '', ...descriptions)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
