// The formats /export delivers: each one's file extension and type. The files are rendered by the export
// pool's worker threads (src/screenplay/export-pool.ts), never on the bot's event loop.
import { type ExportPool, sharedExportPool } from '../screenplay/export-pool.ts';
import type { ExportScope, RoomHistory } from '../story/engine.ts';

export const EXPORT_FORMATS = ['fountain', 'fdx', 'pdf', 'html', 'md', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface FormatSpec {
  /** The format's own name, the same in every language. */
  label: string;
  extension: string;
  mime: string;
}

export const FORMATS: Record<ExportFormat, FormatSpec> = {
  fountain: { label: 'Fountain', extension: 'fountain', mime: 'text/plain; charset=utf-8' },
  fdx: { label: 'Final Draft', extension: 'fdx', mime: 'application/xml' },
  pdf: { label: 'PDF', extension: 'pdf', mime: 'application/pdf' },
  // The transcript with the story map inline (SVG).
  html: { label: 'HTML', extension: 'html', mime: 'text/html; charset=utf-8' },
  md: { label: 'Markdown', extension: 'md', mime: 'text/markdown; charset=utf-8' },
  // Always complete: the JSON export is the room itself, whatever the scope.
  json: { label: 'JSON', extension: 'json', mime: 'application/json' },
};

export interface WriteOptions {
  gzip?: boolean | undefined;
  /** Default: the process's shared pool. */
  pool?: ExportPool | undefined;
}

/** The export's file, rendered off the main thread (gzipped there too when asked). */
export function writeExport(
  format: ExportFormat,
  history: RoomHistory,
  scope: ExportScope,
  options: WriteOptions = {},
): Promise<Uint8Array> {
  const pool = options.pool ?? sharedExportPool();
  return pool.run(history, { kind: format, scope: format === 'json' ? 'all' : scope, gzip: options.gzip });
}
