import { describe, expect, it } from 'vitest';
import { finishScene } from '../../src/llm/output-schemas.ts';

describe('finishScene', () => {
  it('tells the model what is wrong with a heading in English words, not a catalog key', () => {
    expect(finishScene({ heading: 'the diner', description: 'Rain.' })).toEqual({
      ok: false,
      problem:
        '"heading": A scene heading starts with INT., EXT., INT./EXT. or EST., e.g. "INT. DINER - NIGHT".',
    });
  });

  it('keeps a heading in screenplay form', () => {
    expect(finishScene({ heading: 'int. diner - night', description: 'Rain.' })).toEqual({
      ok: true,
      value: { heading: 'INT. DINER - NIGHT', description: 'Rain.' },
    });
  });
});
