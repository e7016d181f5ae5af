// Creates the folder a SQLite file goes in, one level at a time from the nearest existing ancestor. Node's
// recursive mkdir loops forever on some pseudo file systems (/proc answers ENOENT for its parent, again and
// again); this gives up at the first level that cannot be made and says which.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreStartError } from './describe-store-error.ts';

export function createFolderFor(file: string): void {
  const folder = resolve(dirname(file));
  const missing: string[] = [];
  let at = folder;
  while (!existsSync(at)) {
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  if (existsSync(at) && !statSync(at).isDirectory()) {
    throw new StoreStartError(`cannot create the folder ${folder}: ${at} is a file, not a folder`);
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EEXIST' && statSync(level).isDirectory()) continue;
      throw new StoreStartError(
        `cannot create the folder ${level}${level === folder ? '' : ` (for ${folder})`}: ${code ?? (error as Error).message}`,
      );
    }
  }
}
