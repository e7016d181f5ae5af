// The screenplay as a PDF, set the way the industry does: Courier Prime 12 pt (embedded), about 55 lines a
// page, standard indents, scene headings in capitals, page numbers top right from page 2, a title page, and
// dialogue split across pages with (MORE) and (CONT'D). Characters Courier Prime lacks (Chinese, say) are set
// in Noto Sans SC, also embedded; both are subset, so a PDF stays small.
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { ExportScope, RoomHistory } from '../story/room-history.ts';
import { beatElements, type ScreenplayElement } from './elements.ts';
import { LABELS } from './export-labels.ts';
import { FONT_FILES } from './font-files.ts';
import { scriptParts, writers } from './room-log.ts';

export interface PdfOptions {
  scope: ExportScope;
  paper?: 'letter' | 'a4' | undefined;
  /** Default: the date of the room's last event. */
  draftDate?: string | undefined;
}

const INCH = 72;
const LINE = 12;
const CHAR = 7.2; // Courier at 12 pt: 10 characters an inch
const TOP = INCH;
const PAPER = { letter: { size: 'LETTER', height: 11 * INCH }, a4: { size: 'A4', height: 841.89 } } as const;

/** Where each element starts and how wide it may run, in inches from the left edge (the common standard). */
const LAYOUT: Record<ScreenplayElement['type'] | 'note', { left: number; width: number }> = {
  'scene-heading': { left: 1.5, width: 6 },
  'scene-description': { left: 1.5, width: 6 },
  action: { left: 1.5, width: 6 },
  character: { left: 3.7, width: 3.3 },
  parenthetical: { left: 3.1, width: 2.4 },
  dialogue: { left: 2.5, width: 3.5 },
  transition: { left: 1.5, width: 6 },
  note: { left: 1.5, width: 6 },
};

type FontName = 'courier' | 'courierExt' | 'cjk';

interface Fonts {
  pick(char: string): FontName;
}

function loadFonts(): Fonts {
  const courier = fontkit.openSync(FONT_FILES.courier) as fontkit.Font;
  const courierExt = fontkit.openSync(FONT_FILES.courierExt) as fontkit.Font;
  const cache = new Map<number, FontName>();
  return {
    pick(char) {
      const code = char.codePointAt(0) ?? 32;
      let font = cache.get(code);
      if (!font) {
        font = courier.hasGlyphForCodePoint(code)
          ? 'courier'
          : courierExt.hasGlyphForCodePoint(code)
            ? 'courierExt'
            : 'cjk';
        cache.set(code, font);
      }
      return font;
    },
  };
}

/** A character's width in Courier columns: wide (CJK) glyphs take two. */
const columns = (char: string) =>
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u.test(
    char,
  )
    ? 2
    : 1;

/** Breaks text into lines of at most `width` columns: at spaces where it can, anywhere in a long run or CJK. */
export function wrapColumns(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    let lastSpace = -1;
    for (const char of paragraph.replace(/\s/g, ' ')) {
      const w = columns(char);
      if (used + w > width) {
        if (char === ' ') {
          lines.push(line.trimEnd());
          line = '';
          used = 0;
          lastSpace = -1;
          continue;
        }
        if (lastSpace > 0) {
          lines.push(line.slice(0, lastSpace).trimEnd());
          line = line.slice(lastSpace + 1);
        } else {
          lines.push(line);
          line = '';
        }
        used = [...line].reduce((sum, c) => sum + columns(c), 0);
        lastSpace = -1;
      }
      if (char === ' ') {
        if (line.length === 0) continue;
        lastSpace = line.length;
      }
      line += char;
      used += w;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

interface Line {
  text: string;
  type: keyof typeof LAYOUT;
  right?: boolean;
}

interface Block {
  kind: 'heading' | 'dialogue' | 'other';
  lines: Line[];
  /** For dialogue: the cue, repeated with (CONT'D) when the speech goes on over a page. */
  cue?: string;
}

function wrap(text: string, type: keyof typeof LAYOUT): Line[] {
  const width = Math.floor((LAYOUT[type].width * INCH) / CHAR);
  return wrapColumns(text, width).map((line) => ({ text: line, type }));
}

function blocksOf(history: RoomHistory, scope: ExportScope): Block[] {
  const blocks: Block[] = [];
  const { scenes } = history.state;
  for (const part of scriptParts(history, scope)) {
    if (part.type === 'not-kept-start')
      blocks.push({ kind: 'other', lines: wrap(`[${LABELS.notKept(part.reason)}]`, 'note') });
    if (part.type === 'not-kept-end')
      blocks.push({ kind: 'other', lines: wrap(`[${LABELS.notKeptEnd}]`, 'note') });
    if (part.type !== 'beat') continue;
    const elements = beatElements(part.beat, scenes);
    if (part.beat.kind === 'dialogue') {
      const cue = elements.find((e) => e.type === 'character')?.text || '?';
      const lines = elements.flatMap((e) =>
        e.type === 'parenthetical'
          ? wrap(`(${e.text})`, 'parenthetical')
          : wrap(e.type === 'character' ? cue : e.text, e.type),
      );
      blocks.push({ kind: 'dialogue', lines, cue });
      continue;
    }
    for (const element of elements) {
      if (element.type === 'scene-heading')
        blocks.push({ kind: 'heading', lines: wrap(element.text, 'scene-heading') });
      else if (element.type === 'transition')
        blocks.push({
          kind: 'other',
          lines: wrap(element.text, 'transition').map((l) => ({ ...l, right: true })),
        });
      else {
        for (const paragraph of element.text.split(/\n\s*\n/)) {
          if (paragraph.trim()) blocks.push({ kind: 'other', lines: wrap(paragraph.trim(), element.type) });
        }
      }
    }
  }
  return blocks;
}

/** Lays blocks onto pages of `perPage` lines, splitting action anywhere and dialogue with (MORE)/(CONT'D). */
export function paginate(blocks: Block[], perPage: number): Line[][] {
  const pages: Line[][] = [[]];
  let page = pages[0] as Line[];
  const newPage = () => {
    page = [];
    pages.push(page);
  };
  const room = () => perPage - page.length;
  for (const block of blocks) {
    const gap = page.length > 0 ? 1 : 0;
    const need = gap + block.lines.length;
    if (block.kind === 'heading') {
      // A heading never ends a page: keep it with at least two lines of what follows.
      if (room() < need + 3) newPage();
    } else if (need <= room()) {
      // fits
    } else if (block.kind === 'dialogue' && block.cue) {
      const cueLines = block.lines.findIndex((l) => l.type !== 'character');
      const head = block.lines.slice(0, Math.max(1, cueLines));
      const speech = block.lines.slice(head.length);
      const fit = room() - gap - head.length - 1; // one line for (MORE)
      if (fit >= 2 && speech.length > fit) {
        if (gap) page.push({ text: '', type: 'action' });
        page.push(...head, ...speech.slice(0, fit), { text: '(MORE)', type: 'character' });
        let rest = speech.slice(fit);
        while (rest.length > 0) {
          newPage();
          const take = rest.length + 1 <= perPage ? rest.length : perPage - 2;
          page.push({ text: `${block.cue} (CONT'D)`, type: 'character' }, ...rest.slice(0, take));
          rest = rest.slice(take);
          if (rest.length > 0) page.push({ text: '(MORE)', type: 'character' });
        }
        continue;
      }
      newPage();
    } else if (room() - gap >= 2) {
      // Action runs on: fill this page, carry on over the next.
      let rest = block.lines;
      if (gap) page.push({ text: '', type: 'action' });
      while (rest.length > 0) {
        if (room() === 0) newPage();
        const take = rest.slice(0, room());
        page.push(...take);
        rest = rest.slice(take.length);
      }
      continue;
    } else newPage();
    if (page.length > 0) page.push({ text: '', type: 'action' });
    for (const line of block.lines) {
      if (room() === 0) newPage();
      page.push(line);
    }
  }
  return pages;
}

function drawLine(doc: PDFKit.PDFDocument, fonts: Fonts, text: string, x: number, y: number) {
  let run = '';
  let font: FontName | undefined;
  let at = x;
  const flush = () => {
    if (!run || !font) return;
    doc.font(font).fontSize(12);
    doc.text(run, at, y + (font === 'cjk' ? 0.5 : 0), { lineBreak: false });
    at += doc.widthOfString(run);
    run = '';
  };
  for (const char of text) {
    const next = fonts.pick(char);
    if (next !== font) {
      flush();
      font = next;
    }
    run += char;
  }
  flush();
}

/** The room's screenplay as a PDF file. */
export function toPdf(history: RoomHistory, options: PdfOptions): Promise<Uint8Array> {
  const paper = PAPER[options.paper ?? 'letter'];
  const perPage = Math.floor((paper.height - 2 * INCH) / LINE) + 1;
  const story = history.state.story;
  const last = history.events.at(-1)?.at;
  const doc = new PDFDocument({
    size: paper.size,
    margin: 0,
    autoFirstPage: false,
    info: {
      Title: story?.title ?? '',
      Author: writers(history).join(', '),
      Creator: 'storyroom',
      ...(last ? { CreationDate: new Date(last) } : {}),
    },
  });
  doc.registerFont('courier', FONT_FILES.courier);
  doc.registerFont('courierExt', FONT_FILES.courierExt);
  doc.registerFont('cjk', FONT_FILES.cjk);
  const fonts = loadFonts();
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  // Title page: the title a third of the way down, credit and writers under it, the draft date bottom left.
  doc.addPage();
  let y = paper.height / 3;
  const centered = (text: string) => {
    for (const line of wrapColumns(text, 60)) {
      const width = [...line].reduce((sum, c) => sum + columns(c), 0) * CHAR;
      drawLine(doc, fonts, line, (8.5 * INCH - width) / 2, y);
      y += LINE;
    }
  };
  centered((story?.title ?? '').toUpperCase());
  y += 2 * LINE;
  centered(LABELS.credit);
  y += LINE;
  for (const name of writers(history)) centered(name);
  drawLine(doc, fonts, options.draftDate ?? last?.slice(0, 10) ?? '', 1.5 * INCH, paper.height - INCH - LINE);

  const pages = paginate(blocksOf(history, options.scope), perPage);
  pages.forEach((lines, index) => {
    doc.addPage();
    if (index > 0)
      drawLine(doc, fonts, `${index + 1}.`, 7.5 * INCH - `${index + 1}.`.length * CHAR, INCH / 2);
    lines.forEach((line, row) => {
      if (!line.text) return;
      const layout = LAYOUT[line.type];
      const width = [...line.text].reduce((sum, c) => sum + columns(c), 0) * CHAR;
      const x = line.right ? (layout.left + layout.width) * INCH - width : layout.left * INCH;
      drawLine(doc, fonts, line.text, x, TOP + row * LINE);
    });
  });
  doc.end();
  return done;
}
