// Whether an export fits the platform's upload limit, and the smaller forms to offer when it does not.
import { gzipSync } from 'node:zlib';
import type { Platform } from '../story/types.ts';

/**
 * Largest file a bot may attach, in bytes. Discord: 10 MiB for a bot in a server without boosts. Slack: 1 GB
 * per file (a workspace may restrict it further, which the upload's error then says). The terminal saves to
 * disk: no limit.
 */
export const UPLOAD_LIMITS: Record<Platform, number> = {
  discord: 10 * 1024 * 1024,
  slack: 1_000_000_000,
  console: Number.POSITIVE_INFINITY,
};

export type SmallerForm = 'scope-story' | 'gzip';

export interface UploadCheck {
  fits: boolean;
  size: number;
  limit: number;
  /** What to offer when it does not fit, best first: the story alone (when the export was of everything), gzip. */
  offers: SmallerForm[];
}

export function checkUpload(
  platform: Platform,
  size: number,
  context: {
    scope?: 'story' | 'all' | undefined;
    gzipped?: boolean | undefined;
    /** The limit to apply instead of the platform's (a smaller one in tests, a boosted server's larger one). */
    limit?: number | undefined;
  } = {},
): UploadCheck {
  const limit = context.limit ?? UPLOAD_LIMITS[platform];
  const fits = size <= limit;
  const offers: SmallerForm[] = [];
  if (!fits && context.scope === 'all') offers.push('scope-story');
  if (!fits && !context.gzipped) offers.push('gzip');
  return { fits, size, limit, offers };
}

/** The file gzipped, with ".gz" added to its name (text exports shrink to a fraction). */
export function gzipFile(name: string, bytes: Uint8Array): { name: string; mime: string; bytes: Uint8Array } {
  return gzippedFile(name, gzipBytes(bytes));
}

/** Bytes gzipped at the level every export uses. */
export const gzipBytes = (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes, { level: 9 }));

/** How a file already gzipped (by the export pool) is named and typed. */
export function gzippedFile(
  name: string,
  gzipped: Uint8Array,
): { name: string; mime: string; bytes: Uint8Array } {
  return { name: `${name}.gz`, mime: 'application/gzip', bytes: gzipped };
}
