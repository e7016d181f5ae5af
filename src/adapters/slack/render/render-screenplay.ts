// Beats as a screenplay reads in Slack (the elements come from src/screenplay): a bold scene heading,
// dialogue set off as a quote under the CHARACTER's name with its (parenthetical), action as plain
// paragraphs, transitions in capitals, and under each beat who wrote it (the narrator with its model and
// what it was steered toward). Each beat is a section of its own, so its text's formatting stays in it.
import { sharedTranslator } from '../../../i18n/catalog.ts';
import { msg } from '../../../i18n/message.ts';
import { beatElements, parentheticalText, type ScreenplayElement } from '../../../screenplay/elements.ts';
import type { Beat, Scene } from '../../../story/types.ts';
import { dialogueLines } from '../../shared/dialogue-lines.ts';
import { escapeLiteral, escapeMrkdwn, oneLine } from './escape-mrkdwn.ts';
import { contextPiece, type Piece } from './slack-message.ts';

/** Longest part of a direction repeated under the beat it steered. */
const DIRECTION_SHOWN_MAX = 60;

export function beatPieces(beats: readonly Beat[], scenes: Record<string, Scene>, locale: string): Piece[] {
  return beats.flatMap((beat) => {
    const pieces: Piece[] = [beatText(beat, scenes)];
    const by = attribution(beat, locale);
    if (by) pieces.push(contextPiece(by));
    return pieces;
  });
}

function beatText(beat: Beat, scenes: Record<string, Scene>): Piece {
  const elements = beatElements(beat, scenes);
  if (beat.kind !== 'dialogue') return { type: 'text', text: elements.map(renderElement).join('\n') };
  // Dialogue is one quote: blank lines would end it, so paragraphs become single line breaks.
  const lines = elements.flatMap((element) =>
    element.type === 'dialogue' ? dialogueLines(element.text).map(escapeMrkdwn) : [renderElement(element)],
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
  if (author.kind === 'system') return undefined;
  const by = (name: string) => msg('slack-render.beat.by', { name: escapeLiteral(oneLine(name)) });
  const direction = author.kind === 'narrator' ? oneLine(beat.direction ?? '') : '';
  if (author.kind === 'user' || !direction) {
    return sharedTranslator().translate(locale, by(author.kind === 'user' ? author.name : author.model));
  }
  const chars = Array.from(direction);
  const shown =
    chars.length > DIRECTION_SHOWN_MAX ? `${chars.slice(0, DIRECTION_SHOWN_MAX).join('')}…` : direction;
  const model = escapeLiteral(oneLine(author.model));
  return sharedTranslator().translate(
    locale,
    msg('slack-render.beat.toward', { model, direction: escapeLiteral(shown) }),
  );
}
