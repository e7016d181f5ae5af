// One export job, rendered in this thread: the writers behind /export and /story map. The export pool runs
// it in a worker (export-worker.ts); tests and the benchmark call it directly. Writers load when first used.
import type { ExportScope, RoomHistory } from '../story/room-history.ts';
import { gzipBytes } from './upload-limit.ts';

export const EXPORT_KINDS = ['fountain', 'fdx', 'pdf', 'html', 'md', 'json', 'map-png'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportJob {
  kind: ExportKind;
  scope: ExportScope;
  /** Compress the file with gzip (the export command's gzip:on). */
  gzip?: boolean | undefined;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

async function write(history: RoomHistory, { kind, scope }: ExportJob): Promise<Uint8Array> {
  switch (kind) {
    case 'fountain':
      return utf8((await import('./fountain.ts')).toFountain(history, { scope }));
    case 'fdx':
      return utf8((await import('./fdx.ts')).toFdx(history, { scope }));
    case 'pdf':
      return (await import('./pdf.ts')).toPdf(history, { scope });
    case 'html': {
      const [{ toHtml }, { storyMapSvg }] = await Promise.all([
        import('./html-transcript.ts'),
        import('./story-map-svg.ts'),
      ]);
      return utf8(toHtml(history, { scope, mapSvg: storyMapSvg(history) }));
    }
    case 'md':
      return utf8((await import('./markdown.ts')).toMarkdown(history, { scope }));
    case 'json':
      return utf8((await import('./json-export.ts')).toJson(history));
    case 'map-png':
      return (await import('./story-map-svg.ts')).storyMapPng(history);
  }
}

/** The job's file, as bytes (gzipped when asked). */
export async function renderExport(history: RoomHistory, job: ExportJob): Promise<Uint8Array> {
  const bytes = await write(history, job);
  return job.gzip ? gzipBytes(bytes) : bytes;
}
