import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitVoices } from '../../../src/adapters/shared/split-voices.ts';
import type { Block } from '../../../src/commands/command.ts';
import type { Beat } from '../../../src/story/types.ts';
import { hostileBeat, hostileText, withinBound } from '../../helpers/hostile-text.ts';

const RUNS = 300;

const beat = (id: string, kind: Beat['kind'], character?: string): Beat =>
  ({ id, kind, text: id, character }) as Beat;

describe('splitVoices', () => {
  it('takes each spoken line out where it stands, keeping the parts around it in order', () => {
    const lines = [beat('b1', 'action'), beat('b2', 'dialogue', 'Nora'), beat('b3', 'action')];
    const parts = splitVoices(
      {
        visibility: 'public',
        blocks: [
          { type: 'text', text: 'intro' },
          { type: 'beats', beats: lines },
        ],
      },
      () => true,
    );

    expect(parts).toEqual([
      {
        type: 'blocks',
        blocks: [
          { type: 'text', text: 'intro' },
          { type: 'beats', beats: [lines[0]] },
        ],
      },
      { type: 'voice', beat: lines[1] },
      { type: 'blocks', blocks: [{ type: 'beats', beats: [lines[2]] }] },
    ]);
  });

  it('leaves dialogue in place when its character does not speak, and lines without a character always', () => {
    const lines = [beat('b1', 'dialogue', 'Nora'), beat('b2', 'dialogue')];
    const parts = splitVoices(
      { visibility: 'public', blocks: [{ type: 'beats', beats: lines }] },
      () => false,
    );

    expect(parts).toEqual([{ type: 'blocks', blocks: [{ type: 'beats', beats: lines }] }]);
  });

  it(`gives back every beat and block in order for any reply (${RUNS} runs)`, () => {
    const blocks = fc.array(
      fc.oneof(
        fc
          .array(hostileBeat({ maxLength: 200 }), { maxLength: 6 })
          .map((beats): Block => ({ type: 'beats', beats })),
        hostileText({ maxLength: 200 }).map((text): Block => ({ type: 'text', text })),
      ),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(blocks, fc.func(fc.boolean()), (generated, speaks) => {
        const parts = withinBound(
          () => splitVoices({ visibility: 'public', blocks: generated }, speaks),
          'splitVoices',
        );
        const flatten = (items: Block[]) =>
          items.flatMap((b): unknown[] => (b.type === 'beats' ? b.beats : [b]));
        const back = parts.flatMap((part) => (part.type === 'voice' ? [part.beat] : flatten(part.blocks)));
        expect(back).toEqual(flatten(generated));
        for (const part of parts) {
          if (part.type === 'voice') expect(part.beat.kind).toBe('dialogue');
        }
      }),
      { numRuns: RUNS },
    );
  });
});
