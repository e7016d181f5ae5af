// A narrator that streams a scripted beat piece by piece with real pauses, so a test can watch the adapter
// preview it, rate-limit it or outlive the interaction token mid-stream. Everything else is the offline one.

import { createOfflineNarrator } from '../../src/llm/offline-narrator.ts';
import type { Narrator } from '../../src/story/narrator.ts';

export function scriptedNarrator(options: {
  pieces: string[];
  pauseMs: number;
  /** Called before each piece is written, with its index. */
  beforePiece?: (index: number) => void;
  failWith?: Error;
}): Narrator {
  const offline = createOfflineNarrator();
  return {
    ...offline,
    async writeBeat(_request, stream) {
      for (const [index, piece] of options.pieces.entries()) {
        options.beforePiece?.(index);
        await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
        if (stream?.signal?.aborted) throw stream.signal.reason;
        stream?.onText?.(piece);
      }
      if (options.failWith) throw options.failWith;
      const text = options.pieces.join('');
      return {
        output: { kind: 'action', text },
        model: 'scripted',
        usage: { promptTokens: 10, completionTokens: Math.ceil(text.length / 4) },
      };
    },
  };
}
