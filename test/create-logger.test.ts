import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/create-logger.ts';

describe('logger', () => {
  it('redacts secrets wherever they appear in a log line', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        token: 'discord-token-123',
        config: { apiKey: 'sk-secret-456' },
        headers: { authorization: 'Bot x' },
      },
      'hi',
    );
    const line = lines.join('');
    expect(line).not.toContain('discord-token-123');
    expect(line).not.toContain('sk-secret-456');
    expect(line).not.toContain('Bot x');
    expect(line).toContain('[redacted]');
  });
});
