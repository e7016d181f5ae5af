// The formats /export delivers: each one's file extension, type and writer (src/screenplay/). The writers
// are loaded when first used: the PDF and the map bring fonts and a renderer that start-up needs none of.
import type { ExportScope, RoomHistory } from '../story/engine.ts';

export const EXPORT_FORMATS = ['fountain', 'fdx', 'pdf', 'html', 'md', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface FormatSpec {
  /** The format's own name, the same in every language. */
  label: string;
  extension: string;
  mime: string;
  write(history: RoomHistory, scope: ExportScope): Promise<Uint8Array>;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

export const FORMATS: Record<ExportFormat, FormatSpec> = {
  fountain: {
    label: 'Fountain',
    extension: 'fountain',
    mime: 'text/plain; charset=utf-8',
    write: async (history, scope) => {
      const { toFountain } = await import('../screenplay/fountain.ts');
      return utf8(toFountain(history, { scope }));
    },
  },
  fdx: {
    label: 'Final Draft',
    extension: 'fdx',
    mime: 'application/xml',
    write: async (history, scope) => {
      const { toFdx } = await import('../screenplay/fdx.ts');
      return utf8(toFdx(history, { scope }));
    },
  },
  pdf: {
    label: 'PDF',
    extension: 'pdf',
    mime: 'application/pdf',
    write: async (history, scope) => {
      const { toPdf } = await import('../screenplay/pdf.ts');
      return toPdf(history, { scope });
    },
  },
  html: {
    label: 'HTML',
    extension: 'html',
    mime: 'text/html; charset=utf-8',
    write: async (history, scope) => {
      const [{ toHtml }, { storyMapSvg }] = await Promise.all([
        import('../screenplay/html-transcript.ts'),
        import('../screenplay/story-map-svg.ts'),
      ]);
      return utf8(toHtml(history, { scope, mapSvg: storyMapSvg(history) }));
    },
  },
  md: {
    label: 'Markdown',
    extension: 'md',
    mime: 'text/markdown; charset=utf-8',
    write: async (history, scope) => {
      const { toMarkdown } = await import('../screenplay/markdown.ts');
      return utf8(toMarkdown(history, { scope }));
    },
  },
  json: {
    label: 'JSON',
    extension: 'json',
    mime: 'application/json',
    // Always complete: the JSON export is the room itself, whatever the scope.
    write: async (history) => {
      const { toJson } = await import('../screenplay/json-export.ts');
      return utf8(toJson(history));
    },
  },
};
