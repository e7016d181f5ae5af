// A 5,000-beat room exports to every format, and whether a file fits a platform's upload limit.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toFdx } from '../../src/screenplay/fdx.ts';
import { toFountain } from '../../src/screenplay/fountain.ts';
import { toHtml } from '../../src/screenplay/html-transcript.ts';
import { toJson } from '../../src/screenplay/json-export.ts';
import { toMarkdown } from '../../src/screenplay/markdown.ts';
import { toPdf } from '../../src/screenplay/pdf.ts';
import { storyMapGraph } from '../../src/screenplay/story-map.ts';
import { checkUpload, gzipFile, UPLOAD_LIMITS } from '../../src/screenplay/upload-limit.ts';
import { makeBigHistory } from '../helpers/export-room.ts';

describe('exports at scale', () => {
  it('exports a 5,000-beat room with 200 votes and 20 branches to every format', async () => {
    const history = makeBigHistory();
    expect(Object.keys(history.state.beats)).toHaveLength(5020);
    const texts = {
      fountain: toFountain(history, { scope: 'all' }),
      fdx: toFdx(history, { scope: 'all' }),
      md: toMarkdown(history, { scope: 'all' }),
      json: toJson(history),
      html: toHtml(history, { scope: 'all' }),
    };
    for (const [format, text] of Object.entries(texts)) {
      expect(text, format).toMatch(/A branch not taken \\?\(20/);
      expect(text.length, format).toBeGreaterThan(500_000);
    }
    const pdf = await toPdf(history, { scope: 'story' });
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(storyMapGraph(history).nodes.length).toBeLessThan(200);
  }, 60_000);

  it('says when a file is over the platform limit and offers the story alone or gzip', () => {
    expect(UPLOAD_LIMITS.discord).toBe(10 * 1024 * 1024);
    expect(checkUpload('discord', 10 * 1024 * 1024)).toMatchObject({ fits: true, offers: [] });
    expect(checkUpload('discord', 10 * 1024 * 1024 + 1, { scope: 'all' })).toEqual({
      fits: false,
      size: 10 * 1024 * 1024 + 1,
      limit: 10 * 1024 * 1024,
      offers: ['scope-story', 'gzip'],
    });
    expect(checkUpload('slack', 50 * 1024 * 1024).fits).toBe(true);
    expect(checkUpload('console', 5e9).fits).toBe(true);
    const text = new TextEncoder().encode('INT. DINER - NIGHT\n\n'.repeat(10_000));
    const gz = gzipFile('story.fountain', text);
    expect(gz.name).toBe('story.fountain.gz');
    expect(gz.bytes.length).toBeLessThan(text.length / 20);
    expect(new Uint8Array(gunzipSync(gz.bytes))).toEqual(text);
  });
});
