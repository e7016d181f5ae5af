import { describe, expect, it } from 'vitest';
import { createFieldStreamer } from '../../src/llm/json-field-streamer.ts';

/** Feeds the text in pieces of `size` characters and joins what the streamer emits. */
function streamed(field: string, text: string, size: number): string {
  const stream = createFieldStreamer(field);
  let out = '';
  for (let i = 0; i < text.length; i += size) out += stream(text.slice(i, i + size));
  return out;
}

describe('streaming one JSON field as readable text', () => {
  const json = JSON.stringify({
    kind: 'dialogue',
    character: 'VERA',
    parenthetical: 'text "quoted"',
    text: 'She says: "Go."\nThen — café, 🙂 — silence.',
  });

  it('emits exactly the decoded value of the field, however the JSON is split', () => {
    for (const size of [1, 2, 3, 5, 7, 64, json.length]) {
      expect(streamed('text', json, size)).toBe('She says: "Go."\nThen — café, 🙂 — silence.');
    }
  });

  it('decodes \\u escapes split across deltas', () => {
    const escaped = '{"text": "caf\\u00e9 \\ud83d\\ude42 done"}';
    for (const size of [1, 2, 4]) expect(streamed('text', escaped, size)).toBe('café 🙂 done');
  });

  it('ignores other fields, nested objects with the same key, and text before the object', () => {
    const text =
      'Sure! ```json\n{"meta": {"text": "not this"}, "note": "text", "text": "this one", "after": "no"}\n```';
    expect(streamed('text', text, 3)).toBe('this one');
  });

  it('shows a string array one item per line', () => {
    const text = '{"options": ["Someone runs", "The lights go out", "A stranger \\"arrives\\""]}';
    expect(streamed('options', text, 4)).toBe('Someone runs\nThe lights go out\nA stranger "arrives"');
  });

  it('skips a reasoning block before the JSON, even one containing braces', () => {
    const text = '<think>maybe {"text": "wrong"} first</think>\n{"text": "right"}';
    for (const size of [1, 5, 100]) expect(streamed('text', text, size)).toBe('right');
  });

  it('emits nothing for a reply that is not JSON', () => {
    expect(streamed('text', 'I cannot continue this story.', 4)).toBe('');
  });
});
