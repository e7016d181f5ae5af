// The formats /export delivers: each one's file extension, type and writer (src/screenplay/).
import { toFdx } from '../screenplay/fdx.ts';
import { toFountain } from '../screenplay/fountain.ts';
import { toHtml } from '../screenplay/html-transcript.ts';
import { toJson } from '../screenplay/json-export.ts';
import { toMarkdown } from '../screenplay/markdown.ts';
import { toPdf } from '../screenplay/pdf.ts';
import { storyMapSvg } from '../screenplay/story-map-svg.ts';
import type { ExportScope, RoomHistory } from '../story/engine.ts';

export const EXPORT_FORMATS = ['fountain', 'fdx', 'pdf', 'html', 'md', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface FormatSpec {
  /** The format's own name, the same in every language. */
  label: string;
  extension: string;
  mime: string;
  write(history: RoomHistory, scope: ExportScope): Uint8Array | Promise<Uint8Array>;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

export const FORMATS: Record<ExportFormat, FormatSpec> = {
  fountain: {
    label: 'Fountain',
    extension: 'fountain',
    mime: 'text/plain; charset=utf-8',
    write: (history, scope) => utf8(toFountain(history, { scope })),
  },
  fdx: {
    label: 'Final Draft',
    extension: 'fdx',
    mime: 'application/xml',
    write: (history, scope) => utf8(toFdx(history, { scope })),
  },
  pdf: {
    label: 'PDF',
    extension: 'pdf',
    mime: 'application/pdf',
    write: (history, scope) => toPdf(history, { scope }),
  },
  html: {
    label: 'HTML',
    extension: 'html',
    mime: 'text/html; charset=utf-8',
    write: (history, scope) => utf8(toHtml(history, { scope, mapSvg: storyMapSvg(history) })),
  },
  md: {
    label: 'Markdown',
    extension: 'md',
    mime: 'text/markdown; charset=utf-8',
    write: (history, scope) => utf8(toMarkdown(history, { scope })),
  },
  json: {
    label: 'JSON',
    extension: 'json',
    mime: 'application/json',
    // Always complete: the JSON export is the room itself, whatever the scope.
    write: (history) => utf8(toJson(history)),
  },
};
