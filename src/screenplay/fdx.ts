// Final Draft (.fdx): the screenplay as Final Draft's XML, which Final Draft, WriterDuet and Fade In open.
// One <Paragraph> per element (Scene Heading, Action, Character, Parenthetical, Dialogue, Transition), votes
// and what was not kept as General paragraphs, and a title page.
import type { ExportScope, RoomHistory } from '../story/room-history.ts';
import { beatElements, type ScreenplayElement } from './elements.ts';
import { LABELS } from './export-labels.ts';
import { voteNote } from './fountain.ts';
import { scriptParts, writers } from './room-log.ts';

export interface FdxOptions {
  scope: ExportScope;
  /** Default: the date of the room's last event. */
  draftDate?: string | undefined;
}

/** Text as XML character data: the five specials escaped, characters XML 1.0 cannot hold replaced by U+FFFD. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/[&<>"']/g, (char) => XML_ENTITIES[char] as string);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

const PARAGRAPH_TYPE: Record<ScreenplayElement['type'], string> = {
  'scene-heading': 'Scene Heading',
  'scene-description': 'Action',
  action: 'Action',
  character: 'Character',
  parenthetical: 'Parenthetical',
  dialogue: 'Dialogue',
  transition: 'Transition',
};

function paragraph(type: string, text: string, attributes = ''): string {
  return `    <Paragraph Type="${type}"${attributes}>\n      <Text>${escapeXml(text)}</Text>\n    </Paragraph>`;
}

function elementText(element: ScreenplayElement): string[] {
  if (element.type === 'parenthetical') return [`(${element.text})`];
  if (element.type === 'action' || element.type === 'scene-description') {
    // Each paragraph of action is its own paragraph on the page.
    return element.text
      .split(/\n\s*\n/)
      .map((block) => block.trim())
      .filter(Boolean);
  }
  return [element.text];
}

function titlePage(history: RoomHistory, options: FdxOptions): string {
  const center = ' Alignment="Center"';
  const date = options.draftDate ?? history.events.at(-1)?.at.slice(0, 10) ?? '';
  const lines = [
    paragraph('Title Page', history.state.story?.title ?? '', center),
    paragraph('Title Page', LABELS.credit, center),
    ...writers(history).map((name) => paragraph('Title Page', name, center)),
    paragraph('Title Page', date, center),
  ];
  return `  <TitlePage>\n   <Content>\n${lines.join('\n')}\n   </Content>\n  </TitlePage>`;
}

/** The room's screenplay as a Final Draft document. */
export function toFdx(history: RoomHistory, options: FdxOptions): string {
  const body: string[] = [];
  const { scenes } = history.state;
  for (const part of scriptParts(history, options.scope)) {
    if (part.type === 'beat') {
      for (const element of beatElements(part.beat, scenes)) {
        for (const text of elementText(element)) body.push(paragraph(PARAGRAPH_TYPE[element.type], text));
      }
    } else if (part.type === 'vote') body.push(paragraph('General', `[[${voteNote(part.vote)}]]`));
    else if (part.type === 'not-kept-start')
      body.push(paragraph('General', `[[${LABELS.notKept(part.reason)}]]`));
    else body.push(paragraph('General', `[[${LABELS.notKeptEnd}]]`));
  }
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>',
    '<FinalDraft DocumentType="Script" Template="No" Version="5">',
    '  <Content>',
    ...body,
    '  </Content>',
    titlePage(history, options),
    '</FinalDraft>',
    '',
  ].join('\n');
}
