import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { speakerName, voicedNames } from '../../../src/adapters/shared/voiced-names.ts';
import type { Beat } from '../../../src/story/types.ts';
import { hostileText, noSurrogateSplit, withinBound } from '../../helpers/hostile-text.ts';

const line = (character: string): Beat => ({
  id: character,
  parentId: null,
  kind: 'dialogue',
  character,
  text: 'x',
  author: { kind: 'system' },
  at: '2026-01-01T00:00:00.000Z',
});

describe('voiced names', () => {
  it('names each speaker once, in order, as the cue reads', () => {
    expect(voicedNames([line('Nora'), line('Sam'), line('NORA')])).toEqual(['NORA', 'SAM']);
  });

  it('keeps a name on one line, without bidirectional overrides, joiners kept', () => {
    expect(speakerName('  Nora\n\tthe\u202eBold ', 80)).toBe('Nora the Bold');
    expect(speakerName('👩‍👩‍👧 Fam', 80)).toBe('👩‍👩‍👧 Fam');
    expect(speakerName(' \n ', 80)).toBe('someone');
  });

  it('gives any name something to post under, within the limit (500 runs)', () => {
    fc.assert(
      fc.property(hostileText({ maxLength: 300 }), fc.integer({ min: 1, max: 100 }), (name, max) => {
        const shown = withinBound(() => speakerName(name, max), 'speakerName');
        expect(shown.length).toBeGreaterThan(0);
        expect(Array.from(shown).length).toBeLessThanOrEqual(Math.max(max, 'someone'.length));
        expect(shown).not.toMatch(/[\n\r\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        expect(noSurrogateSplit(shown, name)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
