// Refusals as people read them: a UserError's catalog message translated for a reader (English unless told),
// so tests assert the words someone sees, not the catalog key the error carries.
import { expect } from 'vitest';
import { isUserError, type UserError } from '../../src/story/errors.ts';
import { shownText } from './shown-text.ts';

export { shownText };

/**
 * Expects `promise` to be refused with a UserError whose text contains `expected` (a string) or matches it
 * (a pattern), as `rejects.toThrow` does for messages. Returns the error for further checks.
 */
export async function expectUserError(
  promise: Promise<unknown>,
  expected: string | RegExp,
  locale = 'en',
): Promise<UserError> {
  const error = await promise.then(
    (value: unknown) => {
      throw new Error(`expected a refusal, got ${JSON.stringify(value)?.slice(0, 200)}`);
    },
    (reason: unknown) => reason,
  );
  return checkUserError(error, expected, locale);
}

/** The same for code that throws synchronously. */
export function expectUserErrorFrom(run: () => unknown, expected: string | RegExp, locale = 'en'): UserError {
  try {
    run();
  } catch (error) {
    return checkUserError(error, expected, locale);
  }
  throw new Error('expected a refusal, but nothing was thrown');
}

function checkUserError(error: unknown, expected: string | RegExp, locale: string): UserError {
  if (!isUserError(error)) throw error;
  const shown = shownText(error, locale);
  if (typeof expected === 'string') expect(shown).toContain(expected);
  else expect(shown).toMatch(expected);
  return error;
}

/**
 * A refusal as the person reads it, for `toMatchObject`: the error's name and code, and as `message` its text
 * in English (or `locale`). Rejects when the promise does not reject with a UserError.
 */
export async function refusalOf(
  promise: Promise<unknown>,
  locale = 'en',
): Promise<{ name: string; code: string; message: string }> {
  const error = await promise.then(
    (value: unknown) => {
      throw new Error(`expected a refusal, got ${JSON.stringify(value)?.slice(0, 200)}`);
    },
    (reason: unknown) => reason,
  );
  if (!isUserError(error)) throw error;
  return { name: error.name, code: error.code, message: shownText(error, locale) };
}
