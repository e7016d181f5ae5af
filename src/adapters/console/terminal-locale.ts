// The terminal person's language: `--lang zh-CN` (or --lang=zh-CN) first, then the POSIX locale variables
// in their order of precedence (LC_ALL, LC_MESSAGES, LANG), the first one set. Unset means English.

export function terminalLocale(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length) || undefined;
    if (arg === '--lang') return argv[index + 1];
  }
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}
