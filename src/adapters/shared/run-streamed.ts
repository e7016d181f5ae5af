// What every platform does around running a command: before it, the room as it was (a public reply's
// character voices, and the language its preview is shown in); while it runs, the narrator's text streamed
// into a preview the platform shows; after it, the preview settled, so the final reply follows the last edit.
import type { Command, CommandContext, Reply } from '../../commands/command.ts';
import { runCommand } from '../../commands/run-command.ts';
import { sharedTranslator } from '../../i18n/catalog.ts';
import { matchLocale } from '../../i18n/match-locale.ts';
import type { StoryEngine } from '../../story/engine.ts';
import type { RoomRef } from '../../story/types.ts';
import { createStreamPreview } from './stream-preview.ts';
import { type Voicing, voicingOf } from './voicing.ts';

export interface BeforeCommand {
  /** Set when the room has character voices on and the reply is public. */
  voicing: Voicing | undefined;
  /** A public reply's preview is in the room's language, a private one in the person's. */
  previewLocale: string;
}

/** Reads the room before a public command runs; a failing store is left to the command, which reports it. */
export async function beforeCommand(
  engine: Pick<StoryEngine, 'room'>,
  room: RoomRef,
  options: { privately: boolean; personLocale: string | undefined },
): Promise<BeforeCommand> {
  const before = options.privately ? undefined : await engine.room(room).catch(() => undefined);
  return {
    voicing: before && voicingOf(before),
    previewLocale: matchLocale(
      options.privately ? options.personLocale : before?.story?.language,
      sharedTranslator().locales,
    ),
  };
}

/** Runs the command; with `preview`, the narrator's text is shown through it while it is written. */
export async function runStreamed(
  command: Command,
  raw: Record<string, unknown>,
  ctx: Omit<CommandContext, 'stream'> & { signal: AbortSignal },
  preview: Parameters<typeof createStreamPreview>[0] | undefined,
): Promise<Reply> {
  const stream = preview ? createStreamPreview(preview) : undefined;
  const { signal, ...context } = ctx;
  try {
    return await runCommand(
      command,
      {
        ...context,
        stream: stream && {
          onText: (delta) => stream.push(delta),
          onRestart: () => stream.restart(),
          signal,
        },
      },
      raw,
    );
  } finally {
    await stream?.settle();
  }
}
