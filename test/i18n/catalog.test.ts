import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTranslator, readCatalog, SOURCE_LOCALE } from '../../src/i18n/catalog.ts';
import type { MessageKey } from '../../src/i18n/keys.ts';
import { matchLocale } from '../../src/i18n/match-locale.ts';
import { msg } from '../../src/i18n/message.ts';

const catalog = readCatalog();
const source = catalog[SOURCE_LOCALE] ?? {};

/** The names a message takes as values ({name}, {count, plural, …}), wherever they are nested. */
function argumentsOf(elements: MessageFormatElement[], names = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    names.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, names);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, names);
  }
  return names;
}

describe('the message catalog', () => {
  it('has English and Chinese', () => {
    expect(Object.keys(catalog).sort()).toEqual(['en', 'zh-CN']);
  });

  for (const [locale, messages] of Object.entries(catalog)) {
    it(`${locale} has every key English has, and no other`, () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(source).sort());
    });

    it(`${locale}: every message parses and takes the same values as in English`, () => {
      for (const [key, message] of Object.entries(messages)) {
        const english = source[key];
        if (english === undefined) continue;
        const names = [...argumentsOf(parse(message))].sort();
        expect({ key, names }).toEqual({ key, names: [...argumentsOf(parse(english))].sort() });
      }
    });
  }

  it('refuses a language file that defines a key twice or holds something other than messages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    mkdirSync(join(dir, 'en'));
    writeFileSync(join(dir, 'en', 'a.json'), '{"x": "one"}');
    writeFileSync(join(dir, 'en', 'b.json'), '{"x": "two"}');
    expect(() => readCatalog(dir)).toThrow('"x" is defined twice');
    writeFileSync(join(dir, 'en', 'b.json'), '["x"]');
    expect(() => readCatalog(dir)).toThrow('must hold one object');
  });

  it('translates nested messages and lists in the reader language', () => {
    const translator = createTranslator({
      en: {
        'a.cast': '{count, plural, one {# character} other {# characters}}: {names}. {note}',
        'a.note': 'Done.',
      },
      'zh-CN': { 'a.cast': '{count} 个角色：{names}。{note}', 'a.note': '完成。' },
    });
    const message = {
      key: 'a.cast' as MessageKey,
      values: { count: 3, names: ['Vera', 'Sam', '李雷'], note: { key: 'a.note' as MessageKey } },
    };
    expect(translator.translate('en', message)).toBe('3 characters: Vera, Sam, and 李雷. Done.');
    expect(translator.translate('zh-CN', message)).toBe('3 个角色：Vera、Sam和李雷。完成。');
    expect(translator.translate('fr', message)).toBe('3 characters: Vera, Sam, and 李雷. Done.');
  });
});

describe('matchLocale', () => {
  const locales = ['en', 'zh-CN'];

  it('finds the catalog language for the ways platforms and terminals name it', () => {
    for (const tag of ['zh-CN', 'zh', 'zh_CN.UTF-8', 'zh-Hans-CN', 'zh-TW', 'ZH-cn'])
      expect(matchLocale(tag, locales)).toBe('zh-CN');
    for (const tag of ['en-US', 'en-GB', 'C', 'POSIX', 'C.UTF-8', 'fr', '', undefined])
      expect(matchLocale(tag, locales)).toBe('en');
  });

  it('answers one of the catalog languages for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (tag) => {
        expect(locales).toContain(matchLocale(tag, locales));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('translate on people’s text', () => {
  const translator = createTranslator({
    en: { 'a.names': 'Characters: {names}. Asked by {who}.' },
    'zh-CN': { 'a.names': '角色：{names}。{who} 问的。' },
  });

  it('keeps names that look like object keys ("__proto__", "constructor") as text', () => {
    const message = {
      key: 'a.names' as MessageKey,
      values: { names: ['Ana', '__proto__', 'constructor'], who: '__proto__' },
    };
    expect(translator.translate('en', message)).toBe(
      'Characters: Ana, __proto__, and constructor. Asked by __proto__.',
    );
  });

  it('returns a string holding every value, in either language, for any text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 8 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom('en', 'zh-CN'),
        (names, who, locale) => {
          const started = Date.now();
          const shown = translator.translate(locale, {
            key: 'a.names' as MessageKey,
            values: { names, who },
          });
          expect(typeof shown).toBe('string');
          for (const value of [...names, who]) expect(shown).toContain(value);
          expect(Date.now() - started).toBeLessThan(1000);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('counted words in the style profile', () => {
  it('says "1 word" and "1 character", and plural otherwise, decimals included', () => {
    const translator = createTranslator(readCatalog());
    const say = (value: number, unit: 'words' | 'characters') =>
      translator.translate('en', msg('style.profile.sentence-length-value', { value, unit }));
    expect(say(1, 'words')).toBe('1 word');
    expect(say(1, 'characters')).toBe('1 character');
    expect(say(3.33, 'words')).toBe('3.33 words');
    expect(say(12, 'characters')).toBe('12 characters');
  });
});
