// File names built from people's text (a story's title) for files a reply carries: letters and digits of
// any script are kept, everything that could leave a folder, hide an extension or confuse a platform is
// not.

/** Longest name in characters, extension included: well inside every file system's and platform's limit. */
export const FILE_NAME_MAX = 80;

/**
 * "The Heist: Part 2/3.fountain" → "The-Heist-Part-2-3.fountain". Keeps the last extension (ASCII letters
 * and digits, up to 8), never starts with a dot, and never comes back empty ("export" plus the extension).
 */
export function safeFileName(name: string): string {
  // A gzipped file keeps the extension inside too: "story.fountain.gz".
  const gzip = /^(.+\.[A-Za-z0-9]{1,8})\.gz$/.exec(name);
  if (gzip?.[1]) {
    const inner = safeFileName(gzip[1]);
    if (inner.includes('.')) return fitGz(inner);
  }
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && /^[A-Za-z0-9]{1,8}$/.test(name.slice(dot + 1)) ? name.slice(dot + 1) : '';
  const stem = (extension ? name.slice(0, dot) : name)
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\p{M}_-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  const room = FILE_NAME_MAX - (extension ? extension.length + 1 : 0);
  const chars = Array.from(stem);
  let kept = chars.slice(0, room).join('');
  // A combining mark cut from its base would start nothing; a stem that is only marks is no name.
  kept = kept.replace(/[-_]+$/, '');
  if (!/[\p{L}\p{N}]/u.test(kept)) kept = 'export';
  return extension ? `${kept}.${extension}` : kept;
}

/** "story.fountain" plus ".gz", the stem shortened so the whole stays within FILE_NAME_MAX. */
function fitGz(inner: string): string {
  const dot = inner.lastIndexOf('.');
  const stem = Array.from(inner.slice(0, dot));
  const room = FILE_NAME_MAX - (inner.length - dot) - 3;
  const kept =
    stem
      .slice(0, room)
      .join('')
      .replace(/[-_]+$/, '') || 'export';
  return `${kept}${inner.slice(dot)}.gz`;
}
