import { describe, expect, it } from 'vitest';
import { OFFLINE_TEMPLATES, templatesFor } from '../../src/llm/offline/templates/index.ts';
import { createOfflineNarrator } from '../../src/llm/offline-narrator.ts';
import { cleanHeading } from '../../src/story/rules.ts';
import type { RoomState } from '../../src/story/types.ts';
import { cjkShare } from '../helpers/cjk-share.ts';
import { addCharacter, roomBuilder } from './fixtures.ts';

/** A Chinese story: two characters, a scene, a few beats (dialogue among them). */
function chineseRoom(language = 'zh-CN'): RoomState {
  const builder = roomBuilder({ language });
  addCharacter(builder, '老周', '退休的老刑警，左腿有旧伤。');
  addCharacter(builder, '阿梅', '餐馆老板娘，什么都知道一点。');
  builder.beat('内景 餐馆 - 夜', { kind: 'scene' });
  builder.beat('雨敲着玻璃。老周推门进来，抖了抖伞。');
  builder.beat('今晚不营业。', { character: '阿梅' });
  builder.beat('我不是来吃饭的。', { character: '老周' });
  return builder.room;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

/** Every template string with its path, e.g. ["beats.actions.0", "{who} steps…"]. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => strings(inner, path ? `${path}.${key}` : key));
}

describe('the offline narrator’s languages', () => {
  it('has the same templates in every language, with the same placeholders', () => {
    const english = new Map(
      strings(OFFLINE_TEMPLATES.en).map(([path, text]) => [path.replace(/\.\d+$/, ''), text]),
    );
    for (const [locale, templates] of Object.entries(OFFLINE_TEMPLATES)) {
      for (const [path, text] of strings(templates)) {
        const field = path.replace(/\.\d+$/, '');
        expect(english.has(field), `${locale}: ${path}`).toBe(true);
        // Lists (lines, moods…) may differ per item; single templates carry exactly the English placeholders.
        if (field === path && !field.startsWith('critique.')) {
          expect(placeholders(text), `${locale}: ${path}`).toEqual(placeholders(english.get(field) ?? ''));
        }
      }
      // Heading prefixes the engine accepts, so a narrated scene opens in any language.
      for (const kind of templates.scenes.kinds) expect(cleanHeading(`${kind} X - Y`)).toMatch(/X - Y$/);
    }
  });

  it('picks Chinese for zh, zh-CN and zh-Hans rooms, English for the rest', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'zh_CN'])
      expect(templatesFor(tag)).toBe(OFFLINE_TEMPLATES['zh-CN']);
    for (const tag of ['en', 'en-GB', 'fr', undefined]) expect(templatesFor(tag)).toBe(OFFLINE_TEMPLATES.en);
  });
});

describe('the offline narrator in a Chinese room', () => {
  it('writes Chinese beats and lines that open with the direction as a sentence', async () => {
    const room = chineseRoom();
    for (let seed = 1; seed <= 40; seed++) {
      const narrator = createOfflineNarrator({ seed });
      const beat = (await narrator.writeBeat({ room, direction: '警察到了！' })).output;
      expect(beat.text.startsWith('警察到了。')).toBe(true);
      expect(cjkShare(beat.text)).toBe(1);
      expect(beat.text).not.toMatch(/[{}]|\s/);
      if (beat.parenthetical) expect(cjkShare(beat.parenthetical)).toBe(1);
      const line = (await narrator.writeLine({ room, character: '阿梅' })).output;
      expect(cjkShare(line.text)).toBe(1);
    }
  });

  it('gives the same beats for the same seed and story, and other beats for another seed', async () => {
    const room = chineseRoom();
    const run = async (seed: number) => {
      const narrator = createOfflineNarrator({ seed });
      return [
        await narrator.writeBeat({ room }),
        await narrator.writeBeat({ room, direction: '灯灭了' }),
        await narrator.writeLine({ room, character: '老周' }),
        await narrator.proposeOptions({ room, count: 4 }),
        await narrator.proposeScene({ room }),
      ].map((narration) => narration.output);
    };
    expect(await run(5)).toEqual(await run(5));
    const others = await Promise.all([6, 7, 8, 9].map(run));
    expect(others.some((other) => JSON.stringify(other) !== JSON.stringify(others[0]))).toBe(true);
  });

  it('proposes Chinese vote options and scene headings the engine accepts', async () => {
    const room = chineseRoom('zh-Hans');
    for (let seed = 1; seed <= 20; seed++) {
      const narrator = createOfflineNarrator({ seed });
      const options = (await narrator.proposeOptions({ room, count: 4 })).output;
      expect(options).toHaveLength(4);
      expect(new Set(options).size).toBe(4);
      for (const option of options) expect(cjkShare(option)).toBe(1);
      const scene = (await narrator.proposeScene({ room, direction: '两人在雨里对峙' })).output;
      expect(scene.heading).toMatch(/^(内景|外景) \p{Script=Han}+ - \p{Script=Han}+$/u);
      expect(cleanHeading(scene.heading)).toBe(scene.heading);
      expect(scene.description).toBe('这场戏：两人在雨里对峙。');
    }
  });

  it('designs a Chinese character, critiques and summarizes in Chinese', async () => {
    const room = chineseRoom();
    const narrator = createOfflineNarrator({ seed: 2 });
    const design = (await narrator.designCharacter?.({ room, hint: '欠老周一笔钱' }))?.output;
    expect(design).toBeDefined();
    for (const text of Object.values(design ?? {})) expect(cjkShare(text)).toBe(1);
    expect(design?.backstory).toMatch(/欠老周一笔钱。$/);
    expect(['老周', '阿梅']).not.toContain(design?.name);

    const critique = (await narrator.critique?.({ room }))?.output;
    expect(critique?.structure.comment).toBe('目前写了1场戏，共3段。');
    expect(critique?.characterConsistency.comment).toBe('角色共2个，其中2个已经开口说话。');
    expect(critique?.dialogue.comment).toBe('对白占全部段落的67%。');
    for (const suggestion of critique?.suggestions ?? []) expect(cjkShare(suggestion)).toBe(1);

    const beats = Object.values(room.beats).filter((beat) => beat.kind !== 'scene');
    const summary = (await narrator.summarize?.({ room, previous: '老周来到餐馆。', beats }))?.output.text;
    expect(summary).toBe('老周来到餐馆。雨敲着玻璃。阿梅：“今晚不营业。”老周：“我不是来吃饭的。”');
  });

  it('writes English critiques with real plurals', async () => {
    const builder = roomBuilder();
    addCharacter(builder, 'Vera', 'A safecracker.');
    builder.beat('INT. DINER - NIGHT', { kind: 'scene' });
    builder.beat('Rain.');
    const critique = (await createOfflineNarrator().critique?.({ room: builder.room }))?.output;
    expect(critique?.structure.comment).toBe('1 scene and 1 beat so far.');
    expect(critique?.characterConsistency.comment).toBe(
      '1 character in the cast; none of them has spoken yet.',
    );
    expect(critique?.dialogue.comment).toBe('0% of the beats are dialogue.');
  });
});
