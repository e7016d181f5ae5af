// A file named by a path in the terminal room (/scene import ./exports/x.json), read from disk for a command
// that takes a file: relative to the folder storyroom was started in, never more than the command allows.
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { IncomingFile, IncomingRead } from '../../commands/incoming-file.ts';

export function diskFile(path: string, baseDir = process.cwd()): IncomingFile {
  return {
    name: path,
    async read(maxBytes): Promise<IncomingRead> {
      let handle: Awaited<ReturnType<typeof open>> | undefined;
      try {
        handle = await open(resolve(baseDir, path), 'r');
        const stat = await handle.stat();
        if (!stat.isFile()) return { ok: false, reason: 'unreadable' };
        if (stat.size > maxBytes) return { ok: false, reason: 'too-large' };
        const bytes = await handle.readFile();
        // It may have grown since stat.
        if (bytes.length > maxBytes) return { ok: false, reason: 'too-large' };
        return { ok: true, bytes: new Uint8Array(bytes) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { ok: false, reason: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable' };
      } finally {
        await handle?.close();
      }
    },
  };
}
