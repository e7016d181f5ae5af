// A file someone attached to a slash command, downloaded from Discord's CDN only when the command reads it
// and never past the size the command allows (checked against the size Discord states, then while reading).
import type { IncomingFile, IncomingRead } from '../../commands/incoming-file.ts';

/** Where Discord serves attachments; a URL anywhere else is not fetched. */
const CDN_HOSTS = new Set(['cdn.discordapp.com', 'media.discordapp.net']);
const DOWNLOAD_TIMEOUT_MS = 30_000;

export interface AttachmentLike {
  name: string;
  size: number;
  url: string;
}

export function attachmentFile(attachment: AttachmentLike): IncomingFile {
  return {
    name: attachment.name,
    async read(maxBytes): Promise<IncomingRead> {
      if (attachment.size > maxBytes) return { ok: false, reason: 'too-large' };
      let url: URL;
      try {
        url = new URL(attachment.url);
      } catch {
        return { ok: false, reason: 'unreadable' };
      }
      if (url.protocol !== 'https:' || !CDN_HOSTS.has(url.hostname))
        return { ok: false, reason: 'unreadable' };
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
        if (!response.ok || !response.body) return { ok: false, reason: 'unreadable' };
        const chunks: Uint8Array[] = [];
        let total = 0;
        for await (const chunk of response.body) {
          total += chunk.byteLength;
          // Returning from the loop cancels the download.
          if (total > maxBytes) return { ok: false, reason: 'too-large' };
          chunks.push(chunk);
        }
        return { ok: true, bytes: new Uint8Array(Buffer.concat(chunks)) };
      } catch {
        return { ok: false, reason: 'unreadable' };
      }
    },
  };
}
