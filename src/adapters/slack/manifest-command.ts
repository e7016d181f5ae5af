// `npm run register -- slack [--socket | --http <public base url>] [--out <file>]`: writes the app manifest
// (JSON) to stdout or a file. Nothing is sent to Slack: an admin pastes it when creating or updating the app.
import { writeFile } from 'node:fs/promises';
import type { Command } from '../../commands/command.ts';
import { buildSlackManifest, type ManifestMode } from './manifest.ts';

export const MANIFEST_USAGE =
  'npm run register -- slack [--socket | --http <public base url>] [--out <file>]';

export interface ManifestArgs {
  mode: ManifestMode;
  out?: string | undefined;
}

/** The words after "slack"; Socket Mode unless --http is given. */
export function parseManifestArgs(args: readonly string[]): ManifestArgs | { error: string } {
  let mode: ManifestMode = { socket: true };
  let out: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const value = args[index + 1];
    if (arg === '--socket') mode = { socket: true };
    else if (arg === '--http' && value && !value.startsWith('--')) {
      mode = { socket: false, publicUrl: value };
      index++;
    } else if (arg === '--out' && value && !value.startsWith('--')) {
      out = value;
      index++;
    } else return { error: `unexpected "${arg}"` };
  }
  return { mode, out };
}

/** Writes the manifest; the exit code, after saying on stderr what went wrong. */
export async function writeSlackManifest(options: {
  args: readonly string[];
  commands: readonly Command[];
  prefix: string | undefined;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}): Promise<number> {
  const args = parseManifestArgs(options.args);
  if ('error' in args) {
    options.stderr(`${args.error}\nUsage: ${MANIFEST_USAGE}\n`);
    return 1;
  }
  let json: string;
  try {
    const manifest = buildSlackManifest({
      commands: options.commands,
      prefix: options.prefix,
      mode: args.mode,
    });
    json = `${JSON.stringify(manifest, null, 2)}\n`;
  } catch (error) {
    options.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (!args.out) {
    options.stdout(json);
    return 0;
  }
  await writeFile(args.out, json);
  options.stderr(
    `Wrote the Slack app manifest to ${args.out}. Paste it at https://api.slack.com/apps → Create New App → From a manifest.\n`,
  );
  return 0;
}
