// Beats as a screenplay reads in Slack (the elements come from src/screenplay): a bold scene heading,
// dialogue set off as a quote under the CHARACTER's name with its (parenthetical), action as plain
// paragraphs, transitions in capitals, and under each beat who wrote it (the narrator with its model and
// what it was steered toward). Each beat is a section of its own, so its text's formatting stays in it.
import { sharedTranslator } from '../../../i18n/catalog.ts';
import { msg } from '../../../i18n/message.ts';
import { beatElements, parentheticalText, type ScreenplayElement } from '../../../screenplay/elements.ts';
import type { Beat, Scene } from '../../../story/types.ts';
import { escapeLiteral, escapeMrkdwn, oneLine } from './escape-mrkdwn.ts';
import { fitText } from './fit-text.ts';
import { context, type Piece } from './slack-message.ts';

/** Longest part of a direction repeated under the beat it steered. */
const DIRECTION_SHOWN_MAX = 60;
/** Longest attribution line: a name or a model, and the start of a direction. */
const ATTRIBUTION_MAX = 300;

export function beatPieces(beats: readonly Beat[], scenes: Record<string, Scene>, locale: string): Piece[] {
  return beats.flatMap((beat) => {
    const pieces: Piece[] = [beatText(beat, scenes)];
    const by = attribution(beat, locale);
    if (by) pieces.push({ type: 'block', block: context(by), text: by });
    return pieces;
  });
}

function beatText(beat: Beat, scenes: Record<string, Scene>): Piece {
  const elements = beatElements(beat, scenes);
  if (beat.kind !== 'dialogue') return { type: 'text', text: elements.map(renderElement).join('\n') };
  // Dialogue is one quote: blank lines would end it, so paragraphs become single line breaks.
  const lines = elements.flatMap((element) =>
    element.type === 'dialogue' ? paragraphLines(element.text) : [renderElement(element)],
  );
  return {
    type: 'text',
    text: lines
      .filter((line) => line.length > 0)
      .map((line) => `> ${line}`)
      .join('\n'),
    quotes: true,
  };
}

function renderElement(element: ScreenplayElement): string {
  switch (element.type) {
    case 'scene-heading':
    case 'transition':
      return bold(oneLine(element.text));
    case 'character':
      return bold(element.text);
    case 'parenthetical':
      return element.text ? `_(${escapeLiteral(element.text)})_` : '';
    case 'scene-description':
    case 'dialogue':
    case 'action':
      return escapeMrkdwn(element.text.trim());
  }
}

/** storyroom's bold around people's text: the text can bring no mark of its own to end it early. */
const bold = (text: string) => (text ? `*${escapeLiteral(text)}*` : '');

/** A line of dialogue as its character's own message (character voices): the sender's name is the cue. */
export function spokenLinePiece(beat: Beat): Piece {
  const parenthetical = parentheticalText(beat.parenthetical);
  const text = escapeMrkdwn(beat.text.trim());
  return {
    type: 'text',
    text: parenthetical ? `${renderElement({ type: 'parenthetical', text: parenthetical })}\n${text}` : text,
  };
}

/** Who wrote the beat, in the reply's language; storyroom's own beats (a vote's deadline) say nothing. */
function attribution(beat: Beat, locale: string): string | undefined {
  const { author } = beat;
  const t = sharedTranslator();
  if (author.kind === 'system') return undefined;
  if (author.kind === 'user') {
    return fitText(
      t.translate(locale, msg('slack-render.beat.by', { name: escapeLiteral(oneLine(author.name)) })),
      ATTRIBUTION_MAX,
    );
  }
  const model = escapeLiteral(oneLine(author.model));
  const direction = oneLine(beat.direction ?? '');
  if (!direction)
    return fitText(t.translate(locale, msg('slack-render.beat.by', { name: model })), ATTRIBUTION_MAX);
  const chars = Array.from(direction);
  const shown =
    chars.length > DIRECTION_SHOWN_MAX ? `${chars.slice(0, DIRECTION_SHOWN_MAX).join('')}…` : direction;
  return fitText(
    t.translate(locale, msg('slack-render.beat.toward', { model, direction: escapeLiteral(shown) })),
    ATTRIBUTION_MAX,
  );
}

/** Dialogue stays inside one quote: blank lines would end it, so paragraphs become single line breaks. */
function paragraphLines(text: string): string[] {
  return text
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map(escapeMrkdwn);
}
