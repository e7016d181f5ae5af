import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../../../src/adapters/discord/render/escape-text.ts';
import {
  renderBeat,
  renderBeats,
  renderSpokenLine,
} from '../../../../src/adapters/discord/render/render-screenplay.ts';
import {
  hostileBeat,
  noSurrogateSplit,
  unescapeMarkdown,
  withinBound,
} from '../../../helpers/hostile-text.ts';

const RUNS = 600;

const lines = (text: string) =>
  text
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

describe('the Discord screenplay renderer on hostile beats', () => {
  it(`keeps dialogue inside one quote, every line of the text in it (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileBeat(), (generated) => {
        const beat = { ...generated, kind: 'dialogue' as const };
        const rendered = withinBound(() => renderBeat(beat), 'renderBeat');
        for (const line of rendered.split('\n')) expect(line.startsWith('> '), rendered).toBe(true);
        const quoted = rendered.split('\n').map((line) => line.slice(2));
        for (const line of lines(beat.text)) expect(quoted).toContain(escapeText(line));
        expect(noSurrogateSplit(rendered, beat.text, beat.character ?? '', beat.parenthetical ?? '')).toBe(
          true,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps a line that ends in a lone carriage return inside the quote', () => {
    const rendered = renderBeat({
      id: 'b1',
      parentId: null,
      kind: 'dialogue',
      character: 'Vera',
      text: 'one\rtwo\r\nthree',
      author: { kind: 'system' },
      at: '2026-01-01T00:00:00.000Z',
    });

    expect(rendered).toBe('> **VERA**\n> one\n> two\n> three');
  });

  it(`shows action as the escaped text, and headings and transitions in bold capitals (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileBeat(), (beat) => {
        const rendered = withinBound(() => renderBeat(beat), 'renderBeat');
        if (beat.kind === 'action')
          expect(unescapeMarkdown(rendered)).toBe(beat.text.trim().replace(/\r\n?/g, '\n'));
        if (beat.kind === 'scene' || beat.kind === 'transition') {
          expect(rendered).toBe(`**${escapeText(beat.text.toUpperCase())}**`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(`renders any list of beats and spoken lines in bounded time (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(hostileBeat(), { maxLength: 5 }), (beats) => {
        const rendered = withinBound(() => renderBeats(beats), 'renderBeats');
        expect(typeof rendered).toBe('string');
        for (const beat of beats) {
          const spoken = withinBound(() => renderSpokenLine(beat), 'renderSpokenLine');
          expect(unescapeMarkdown(spoken)).toContain(beat.text.trim().replace(/\r\n?/g, '\n'));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
