// The command list with each command counted and timed: adapters get this list from main.ts and run it as
// they run any other, so no adapter or command knows about metrics.
import type { Command } from '../commands/command.ts';
import { isUserError } from '../story/errors.ts';
import { roomIdOf } from '../story/room-id.ts';
import type { Metrics } from './metrics.ts';

export function instrumentCommands(commands: readonly Command[], metrics: Metrics): Command[] {
  return commands.map(
    (command): Command => ({
      ...command,
      async execute(ctx, options) {
        const started = performance.now();
        const done = (outcome: 'ok' | 'refused' | 'failed') =>
          metrics.commandDone(
            command.name,
            roomIdOf(ctx.room),
            outcome,
            (performance.now() - started) / 1000,
          );
        try {
          const reply = await command.execute(ctx, options);
          done('ok');
          return reply;
        } catch (error) {
          done(isUserError(error) ? 'refused' : 'failed');
          throw error;
        }
      },
    }),
  );
}
