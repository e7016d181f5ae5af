import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAsPrefix } from '../../../src/adapters/console/parse-as-prefix.ts';
import { sharedTranslator } from '../../../src/i18n/catalog.ts';
import { hostileLine, withinBound } from '../../helpers/hostile-text.ts';

const RUNS = 1000;

describe('the /as prefix on hostile lines', () => {
  it(`gives a usable name, a role and the rest, or a short message (${RUNS} runs)`, () => {
    const line = fc.oneof(
      hostileLine({ maxLength: 500 }),
      fc
        .tuple(fc.constantFrom('/as ', 'as ', '/AS  ', '/as "', "/as '"), hostileLine({ maxLength: 300 }))
        .map(([prefix, rest]) => prefix + rest),
    );
    fc.assert(
      fc.property(line, (text) => {
        const parsed = withinBound(() => parseAsPrefix(text), 'parseAsPrefix');
        if (parsed.kind === 'as') {
          expect(Array.from(parsed.name).length).toBeLessThanOrEqual(40);
          expect(parsed.name).toMatch(/[\p{L}\p{N}]/u);
          expect(parsed.name).not.toMatch(/[\p{Cc}\p{Cs}]/u);
          expect(['moderator', 'writer', 'audience']).toContain(parsed.role);
          expect(parsed.rest.length).toBeGreaterThan(0);
          expect(text).toContain(parsed.rest);
        }
        if (parsed.kind === 'error')
          expect(sharedTranslator().translate('en', parsed.message).length).toBeLessThan(300);
      }),
      { numRuns: RUNS },
    );
  });
});
