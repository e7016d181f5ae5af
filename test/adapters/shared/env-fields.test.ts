import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { milliseconds, optional, wholeNumber } from '../../../src/adapters/shared/env-fields.ts';

describe('environment fields', () => {
  it('reads a blank value as unset: the default, or nothing', () => {
    expect(milliseconds(1000, 250, 60_000).parse('')).toBe(1000);
    expect(milliseconds(1000, 250, 60_000).parse(undefined)).toBe(1000);
    expect(optional(z.string()).parse('')).toBeUndefined();
    expect(optional(z.string()).parse('x')).toBe('x');
  });

  it('takes a whole number in range and refuses others with the message given', () => {
    const port = wholeNumber(3000, 1, 65_535, 'expected a port number from 1 to 65535');
    expect(port.parse('8080')).toBe(8080);
    for (const bad of ['0', '65536', '80.5', 'eighty']) {
      expect(port.safeParse(bad).error?.issues[0]?.message).toBe('expected a port number from 1 to 65535');
    }
    expect(milliseconds(1000, 250, 60_000).safeParse('100').error?.issues[0]?.message).toBe(
      'expected a whole number of milliseconds from 250 to 60000',
    );
  });
});
