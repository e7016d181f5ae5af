// Command lines from a pipe. Only "\n" (or "\r\n") ends a line: node's readline also breaks at U+2028 and
// U+2029, which would let text inside one line (a /say) run a second command.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export interface LineSource {
  /** Settles once input has ended, failed, or close() was called; no line is delivered after it. */
  closed: Promise<void>;
  /** Stops reading; lines not yet delivered are dropped. */
  close(): void;
}

export function readPipedLines(
  input: Readable,
  onLine: (line: string) => void,
  onError: (error: unknown) => void,
): LineSource {
  const decoder = new StringDecoder('utf8');
  let pending: string[] = [];
  let done = false;
  let settle = () => {};
  const closed = new Promise<void>((resolve) => {
    settle = resolve;
  });

  const emit = (line: string) => {
    if (!done) onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  };
  const take = (text: string) => {
    let start = 0;
    for (let at = text.indexOf('\n'); at !== -1 && !done; at = text.indexOf('\n', start)) {
      pending.push(text.slice(start, at));
      const line = pending.join('');
      pending = [];
      start = at + 1;
      emit(line);
    }
    if (start < text.length) pending.push(text.slice(start));
  };
  const onData = (chunk: unknown) => {
    take(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
  };
  const onEnd = () => {
    take(decoder.end());
    const last = pending.join('');
    pending = [];
    if (last.length > 0) emit(last);
    close();
  };
  const onFail = (error: unknown) => {
    if (!done) onError(error);
    close();
  };
  function close() {
    if (done) return;
    done = true;
    input.off('data', onData);
    input.off('end', onEnd);
    input.off('close', onEnd);
    // The error listener stays (it does nothing now): an error after this must not crash the process.
    // Without a reader, a pipe must not keep the process alive (nor a later reader's data be lost).
    input.pause();
    settle();
  }

  input.on('data', onData);
  input.once('end', onEnd);
  input.once('close', onEnd);
  input.on('error', onFail);
  return { closed, close };
}
