// TR39 resolved script sets, which decide whether two look-alike names are confusable across scripts.
import { describe, expect, it } from 'vitest';
import { confusableKind } from '../../src/story/confusable-skeleton.ts';
import { isMixedScript, resolvedScripts } from '../../src/story/script-sets.ts';

describe('resolved script sets', () => {
  it.each([
    ['Vera', false],
    ['V\u0435ra', true],
    ['Vera 2', false],
    ['山田たろう', false],
    ['김민준 金', false],
    ['Мария', false],
    ['Mария', true],
    ['Zoë', false],
    ['007', false],
  ])('%j mixes scripts: %s', (name, mixed) => {
    expect(isMixedScript(name)).toBe(mixed);
  });

  it('treats digits and punctuation as fitting any script', () => {
    expect(resolvedScripts('007 -')).toBeUndefined();
    expect([...(resolvedScripts('Agent 007') ?? [])]).toEqual(['Latn']);
  });

  it('tells the three kinds of confusables apart', () => {
    expect(confusableKind('V\u0435ra', 'Vera')).toBe('mixed-script');
    expect(confusableKind('\u0420\u0430\u0445', 'Pax')).toBe('whole-script');
    expect(confusableKind('Dorn', 'Dom')).toBe('single-script');
  });
});
