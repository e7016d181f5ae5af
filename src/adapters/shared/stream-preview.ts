// Shows narrator text while it is written, at most one edit per interval (DISCORD_STREAM_EDIT_MS on Discord).
// settle() waits for the edit in flight, so the final message is always sent after the last preview.
import type { Logger } from '../../logger.ts';
import { createThrottledTask } from './throttled-task.ts';

export interface StreamPreview {
  push(delta: string): void;
  /** The narrator started over (a retry or a fallback model): what was shown is dropped. */
  restart(): void;
  /** Stops previewing and waits for an edit in flight. */
  settle(): Promise<void>;
}

export function createStreamPreview(options: {
  intervalMs: number;
  /** `signal` is aborted by settle(): an edit that has not started yet may be dropped (the final follows). */
  show(text: string, signal: AbortSignal): Promise<void>;
  logger: Logger;
  /** What of a failed edit may be logged (a platform's errors can carry tokens); the error itself by default. */
  describeError?: (error: unknown) => unknown;
}): StreamPreview {
  const describe = options.describeError ?? ((error: unknown) => error);
  let text = '';
  const task = createThrottledTask({
    intervalMs: options.intervalMs,
    run: (signal) => options.show(text, signal),
    onError: (error) =>
      options.logger.warn(
        { err: describe(error) },
        'a streamed preview edit failed; the final message follows',
      ),
  });
  return {
    push(delta) {
      if (delta.length === 0) return;
      text += delta;
      task.request();
    },
    restart() {
      text = '';
    },
    settle: () => task.settle(),
  };
}
