import { describe, expect, it } from 'vitest';
import { parseAsPrefix } from '../../../src/adapters/console/parse-as-prefix.ts';
import { sharedTranslator } from '../../../src/i18n/catalog.ts';

const USAGE = 'Use it like /as alice /vote cast 2, or /as bob:audience /vote cast B.';
const english = (parsed: ReturnType<typeof parseAsPrefix>) =>
  parsed.kind === 'error'
    ? { ...parsed, message: sharedTranslator().translate('en', parsed.message) }
    : parsed;

describe('parseAsPrefix', () => {
  it('reads a name, an optional role and the command to run', () => {
    expect(parseAsPrefix('/as alice /vote cast 2')).toEqual({
      kind: 'as',
      name: 'alice',
      role: 'writer',
      rest: '/vote cast 2',
    });
    expect(parseAsPrefix('/as "Mary Jane":audience /vote cast B')).toEqual({
      kind: 'as',
      name: 'Mary Jane',
      role: 'audience',
      rest: '/vote cast B',
    });
  });

  it('says a name is needed when the command follows /as directly, instead of taking /vote for a name', () => {
    const needsName = { kind: 'error', message: `/as needs a name before the command. ${USAGE}` };
    expect(english(parseAsPrefix('/as  /vote cast 1'))).toEqual(needsName);
    expect(english(parseAsPrefix('/as /vote cast 1'))).toEqual(needsName);
  });

  it('leaves lines without the prefix alone', () => {
    expect(parseAsPrefix('/vote cast 1')).toEqual({ kind: 'none' });
    expect(parseAsPrefix('/action Aston walks in.')).toEqual({ kind: 'none' });
  });
});
