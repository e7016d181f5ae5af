// Fountain (fountain.io): the screenplay as plain text that Highland, Slugline, Final Draft and most
// screenwriting tools open. People's and the model's text is escaped so it parses as what it is: a line that
// looks like Fountain syntax is forced to its element (`!` action, `@` character, `.` heading, `>` transition),
// characters Fountain reads as markup are backslash-escaped, and where Fountain has no escape (`[[`, `]]`,
// a line that would read as a parenthetical or a centered line) an invisible WORD JOINER (U+2060) breaks it.
import type { ExportScope, RoomHistory } from '../story/room-history.ts';
import { optionLetter } from '../story/votes.ts';
import { beatElements, type ScreenplayElement } from './elements.ts';
import { LABELS } from './export-labels.ts';
import type { VoteRecord } from './log-types.ts';
import { authorName, scriptParts, writers } from './room-log.ts';

export interface FountainOptions {
  scope: ExportScope;
  /** The title page's draft date; default: the date of the room's last event. */
  draftDate?: string | undefined;
}

const JOINER = '\u2060';

/** Markup characters and a leading character Fountain gives meaning to, escaped so they read as text. */
export function escapeFountainInline(text: string): string {
  return text
    .replaceAll(JOINER, '')
    .replace(/[\\*_]/g, '\\$&')
    .replaceAll('[[', `[${JOINER}[`)
    .replaceAll(']]', `]${JOINER}]`);
}

const LEADING_SPECIAL = /^[!@#$~`+=.><]/;
const HEADING_LIKE = /^(?:\*{0,3}_?)?(?:(?:int|i)\.?\/(?:ext|e)|int|ext|est)[. ]/i;

/** One line of text, trimmed and escaped; a leading character with a meaning gets a backslash. */
function escapeLine(line: string): string {
  const escaped = escapeFountainInline(line.trim());
  return LEADING_SPECIAL.test(escaped) ? `\\${escaped}` : escaped;
}

/** Lines of a block of text, trimmed, with runs of blank lines made one (Fountain's paragraphs). */
function paragraphs(text: string): string[][] {
  const out: string[][] = [];
  for (const block of text.replaceAll(JOINER, '').split(/\n[^\S\n]*\n\s*/)) {
    const lines = block
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    if (lines.length > 0) out.push(lines);
  }
  return out;
}

/** An action line is left bare only when it could be nothing else; otherwise `!` forces action. */
function actionLine(line: string): string {
  const escaped = escapeLine(line);
  const plain =
    /[a-z]/.test(escaped) &&
    /^[\p{L}\p{N}"'“‘¿¡]/u.test(escaped) &&
    !HEADING_LIKE.test(escaped) &&
    !/TO:\s*$/.test(escaped) &&
    !/^\(.*\)$/.test(escaped);
  return plain ? escaped : `!${escaped}`;
}

function actionBlock(text: string): string[] {
  return paragraphs(text).map((lines) => lines.map(actionLine).join('\n'));
}

/** Fountain cannot hold ( ) ^ in a character cue; they are written as their fullwidth forms. */
function characterCue(name: string): string {
  const cue = escapeFountainInline(name.replace(/\s+/g, ' ').trim())
    .replaceAll('(', '（')
    .replaceAll(')', '）')
    .replaceAll('^', '＾');
  const plain = /^[A-Z][A-Z0-9 .'-]*$/.test(cue) && !HEADING_LIKE.test(cue) && !/TO:$/.test(cue);
  return plain ? cue : `@${cue}`;
}

function dialogueLines(text: string): string {
  return paragraphs(text)
    .map((lines) =>
      lines
        .map((line) => {
          const escaped = escapeLine(line);
          // A whole line in parentheses would read as a parenthetical.
          return escaped.startsWith('(') && escaped.endsWith(')') ? `${JOINER}${escaped}` : escaped;
        })
        .join('\n'),
    )
    .join('\n  \n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function sceneHeading(text: string): string {
  const heading = escapeFountainInline(oneLine(text)).replaceAll('#', '\\#');
  if (HEADING_LIKE.test(heading) && !heading.startsWith('.')) return heading;
  return `.${heading.startsWith('.') ? `\\${heading}` : heading}`;
}

function transition(text: string): string {
  const line = escapeFountainInline(oneLine(text));
  if (/^[^a-z]* TO:$/.test(line) && /^[\p{Lu}\p{N}]/u.test(line)) return line;
  // "> text <" would be centered text: a joiner after a closing "<" keeps it a transition.
  return `> ${line.startsWith('>') ? `\\${line}` : line}${line.endsWith('<') ? JOINER : ''}`;
}

/** A note, `[[…]]`, on one line. */
export function fountainNote(text: string): string {
  return `[[${escapeFountainInline(oneLine(text))}]]`;
}

function elementBlock(element: ScreenplayElement): string[] {
  switch (element.type) {
    case 'scene-heading':
      return [sceneHeading(element.text)];
    case 'scene-description':
    case 'action':
      return actionBlock(element.text);
    case 'transition':
      return [transition(element.text)];
    case 'character':
    case 'parenthetical':
    case 'dialogue':
      return []; // written together, as one block, by dialogueBlock
  }
}

function dialogueBlock(elements: ScreenplayElement[]): string {
  const lines: string[] = [];
  for (const element of elements) {
    if (element.type === 'character') lines.push(characterCue(element.text || '?'));
    if (element.type === 'parenthetical') lines.push(`(${escapeFountainInline(oneLine(element.text))})`);
    if (element.type === 'dialogue') lines.push(dialogueLines(element.text) || escapeLine('…'));
  }
  return lines.join('\n');
}

/** A vote as a note: its options and counts, the ballots by person and the result. */
export function voteNote(vote: VoteRecord): string {
  const ballots = vote.ballots.map((ballot) => `${ballot.voter.name}: ${optionLetter(ballot.option)}`);
  return [
    `${LABELS.vote} ${vote.id} (${authorName(vote.openedBy)}, ${vote.openedAt})`,
    LABELS.voteCounts(vote).join('; '),
    ...(ballots.length > 0 ? [ballots.join(', ')] : []),
    `→ ${LABELS.voteResult(vote)}`,
  ].join(' | ');
}

function titlePage(history: RoomHistory, options: FountainOptions): string {
  const story = history.state.story;
  const names = writers(history)
    .map(oneLine)
    .filter((name) => name.length > 0);
  const date = options.draftDate ?? history.events.at(-1)?.at.slice(0, 10) ?? '';
  const lines = [
    `Title: ${escapeFountainInline(oneLine(story?.title ?? '')) || '—'}`,
    `Credit: ${LABELS.credit}`,
    ...(names.length > 0 ? ['Authors:', ...names.map((name) => `    ${escapeFountainInline(name)}`)] : []),
    `Draft date: ${escapeFountainInline(oneLine(date)) || '—'}`,
  ];
  return lines.join('\n');
}

/** The room's screenplay in Fountain. */
export function toFountain(history: RoomHistory, options: FountainOptions): string {
  const blocks: string[] = [titlePage(history, options)];
  const { scenes } = history.state;
  for (const part of scriptParts(history, options.scope)) {
    switch (part.type) {
      case 'not-kept-start':
        blocks.push(fountainNote(LABELS.notKept(part.reason)));
        break;
      case 'not-kept-end':
        blocks.push(fountainNote(LABELS.notKeptEnd));
        break;
      case 'vote':
        blocks.push(fountainNote(voteNote(part.vote)));
        break;
      case 'beat': {
        const elements = beatElements(part.beat, scenes);
        if (part.beat.kind === 'dialogue') blocks.push(dialogueBlock(elements));
        else blocks.push(...elements.flatMap(elementBlock));
        break;
      }
    }
  }
  return `${blocks.join('\n\n')}\n`;
}
