import { describe, expect, it } from 'vitest';
import { createStreamPreview } from '../../../src/adapters/shared/stream-preview.ts';
import { silentLogger } from '../../../src/logger.ts';

describe('stream preview', () => {
  it('drops what was shown when the narrator starts over, so two drafts never run together', async () => {
    const shown: string[] = [];
    const preview = createStreamPreview({
      intervalMs: 1,
      logger: silentLogger,
      show: async (text) => {
        shown.push(text);
      },
    });
    preview.push('First draft that ');
    await new Promise((resolve) => setTimeout(resolve, 5));
    preview.restart();
    preview.push('Second ');
    preview.push('draft.');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await preview.settle();
    expect(shown[0]).toBe('First draft that ');
    expect(shown.at(-1)).toBe('Second draft.');
    expect(shown.some((text) => text.includes('First draft that Second'))).toBe(false);
  });
});

describe('stream preview settle', () => {
  it('aborts a preview edit still waiting for its turn, so the final edit never queues behind it', async () => {
    let waiting: AbortSignal | undefined;
    const preview = createStreamPreview({
      intervalMs: 1,
      logger: silentLogger,
      // An edit waiting for a shared budget: it is sent only when its turn comes, or dropped when aborted.
      show: (_text, signal) =>
        new Promise<void>((resolve) => {
          waiting = signal;
          signal.addEventListener('abort', () => resolve(), { once: true });
        }),
    });
    preview.push('a beat being written');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(waiting?.aborted).toBe(false);
    await preview.settle();
    expect(waiting?.aborted).toBe(true);
  });
});
