// Environment fields the adapters' configs read alike. Each issue's path is the variable's name, so
// config.ts's parseEnv reports it as "SLACK_PORT: expected a port number from 1 to 65535".
import { z } from 'zod';

/** Empty strings (a blank line in .env) count as unset. */
const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);

export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUnset, schema.optional());

/** A whole number from `min` to `max`, `fallback` when unset; `error` says what was expected. */
export const wholeNumber = (fallback: number, min: number, max: number, error: string) =>
  z.preprocess(
    blankAsUnset,
    z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback),
  );

export const milliseconds = (fallback: number, min: number, max: number) =>
  wholeNumber(fallback, min, max, `expected a whole number of milliseconds from ${min} to ${max}`);
