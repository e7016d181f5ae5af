// The Final Draft export, read by a real XML parser (fast-xml-parser): well-formed, the paragraph sequence of
// the story, a title page, and the story's text back exactly, XML specials and all.
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXml, toFdx } from '../../src/screenplay/fdx.ts';
import { HOSTILE, historyOfBeats, makeRichHistory } from '../helpers/export-room.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'Paragraph',
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
});

function paragraphs(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as {
    FinalDraft: {
      DocumentType: string;
      Content: { Paragraph: { Type: string; Text: string }[] };
      TitlePage: { Content: { Paragraph: { Type: string; Text: string }[] } };
    };
  };
  return {
    type: doc.FinalDraft.DocumentType,
    body: doc.FinalDraft.Content.Paragraph.map((p) => [p.Type, p.Text]),
    title: doc.FinalDraft.TitlePage.Content.Paragraph.map((p) => p.Text),
  };
}

describe('Final Draft export', () => {
  it('is a Script with a title page and the story as typed paragraphs', async () => {
    const { history } = await makeRichHistory();
    const { type, body, title } = paragraphs(toFdx(history, { scope: 'story', draftDate: '2026-01-02' }));
    expect(type).toBe('Script');
    expect(title).toEqual(['The Heist <i>', 'Written by', 'Mo', 'Ana <b>&amp;</b>', '2026-01-02']);
    expect(body.map(([kind]) => kind)).toEqual([
      'Scene Heading',
      'Character',
      'Parenthetical',
      'Dialogue',
      'Action',
      'Character',
      'Dialogue',
      'Character',
      'Dialogue',
      'Action',
      'General',
      'Action',
      'Transition',
      'Scene Heading',
      'Action',
      'General',
      'General',
    ]);
    expect(body[2]).toEqual(['Parenthetical', '(quietly)']);
    expect(body[4]).toEqual(['Action', `SHE LOOKS UP.\n${HOSTILE.script}`]);
    expect(body[6]).toEqual(['Dialogue', `${HOSTILE.link}\n\n(beat) *not bold*`]);
    expect(body[13]).toEqual(['Scene Heading', 'EXT. 屋顶 - 黎明']);
  });

  it('with scope all, marks the takes not kept', async () => {
    const { history } = await makeRichHistory();
    const { body } = paragraphs(toFdx(history, { scope: 'all' }));
    expect(body).toContainEqual(['General', '[[Not kept: a branch undone]]']);
    expect(body).toContainEqual(['Action', 'An abandoned line.']);
  });

  it('stays well-formed and loses nothing XML can hold (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.string({ unit: fc.constantFrom(...'<>&"\'\u0000\uFFFF]]>'.split('')), maxLength: 50 }),
        (a, b) => {
          const text = `${a}${b}`.trim() || 'x';
          const { body } = paragraphs(
            toFdx(historyOfBeats([{ kind: 'transition', text }]), { scope: 'story' }),
          );
          expect(body).toEqual([['Transition', escapeXmlBack(text.toUpperCase())]]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** What XML can hold of a text: characters outside XML 1.0 become U+FFFD. */
const escapeXmlBack = (text: string) =>
  escapeXml(text).replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name] as string,
  );
