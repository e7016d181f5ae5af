// Files a reply carries, saved for the person at the terminal: under the exports folder, never over an
// existing file (a second export of the same story gets "-2", "-3", …).
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, parse } from 'node:path';
import type { FileBlock } from '../../commands/command.ts';

/** Writes the file into `dir` (created if missing) and returns the path it was written to. */
export async function saveFile(dir: string, file: FileBlock): Promise<string> {
  await mkdir(dir, { recursive: true });
  // The name is already safe (`file()`); basename keeps it inside the folder whatever built the block.
  const { name, ext } = parse(basename(file.name) || 'export');
  for (let attempt = 1; ; attempt++) {
    const path = join(dir, attempt === 1 ? `${name}${ext}` : `${name}-${attempt}${ext}`);
    try {
      await writeFile(path, file.bytes, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 1000) throw error;
    }
  }
}
