// Exports render in worker threads: the bot's event loop keeps turning while a 5,000-beat room becomes a
// PDF, the files are the same bytes the writers make in-process, and a full queue or a job that runs too
// long gets a clear answer instead of a stall.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/catalog.ts';
import { createExportPool, type ExportPool } from '../../src/screenplay/export-pool.ts';
import { EXPORT_KINDS, renderExport } from '../../src/screenplay/render-export.ts';
import { isUserError, type UserError } from '../../src/story/errors.ts';
import { makeBigHistory, makeRichHistory } from '../helpers/export-room.ts';

const translator = createTranslator();
const pools: ExportPool[] = [];
const pool = (options: Parameters<typeof createExportPool>[0] = {}) => {
  const made = createExportPool(options);
  pools.push(made);
  return made;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((each) => each.close()));
});

/** What a refused job tells the person, in English and in Chinese. */
async function refusal(job: Promise<unknown>): Promise<{ code: string; en: string; zh: string }> {
  const error = await job.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isUserError(error) || typeof error.text === 'string')
    throw new Error(`expected a UserError: ${error}`);
  const { code, text } = error as UserError & { text: Exclude<UserError['text'], string> };
  return { code, en: translator.translate('en', text), zh: translator.translate('zh-CN', text) };
}

describe('the export pool', () => {
  it('makes the same bytes as the writers in-process, for every kind and gzipped', async () => {
    const { history } = await makeRichHistory();
    const exports = pool();
    for (const kind of EXPORT_KINDS) {
      const [inWorker, inProcess] = await Promise.all([
        exports.run(history, { kind, scope: 'all' }),
        renderExport(history, { kind, scope: 'all' }),
      ]);
      expect(inWorker.length, kind).toBeGreaterThan(100);
      expect(Buffer.from(inWorker).equals(Buffer.from(inProcess)), kind).toBe(true);
    }
    const gzipped = await exports.run(history, { kind: 'fountain', scope: 'story', gzip: true });
    const plain = await renderExport(history, { kind: 'fountain', scope: 'story' });
    expect(new Uint8Array(gunzipSync(gzipped))).toEqual(plain);
  }, 60_000);

  it('renders a 5,000-beat PDF while the event loop keeps turning', async () => {
    const history = makeBigHistory(5000, 200, 20);
    const exports = pool({ size: 1 });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const pdf = await exports.run(history, { kind: 'pdf', scope: 'all' });
    const took = performance.now() - started;
    delay.disable();
    const worstMs = delay.max / 1e6;
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    // Rendered in this thread, the loop would stand still for the whole export; in a worker it waits at
    // most for one slice of events being copied (or for the machine, when it is busy).
    expect(took).toBeGreaterThan(300);
    expect(worstMs).toBeLessThan(took / 4);
  }, 120_000);

  it('refuses a job when the queue is full, and still does the ones it took', async () => {
    const { history } = await makeRichHistory();
    const exports = pool({ size: 1, queueLimit: 1 });
    const running = exports.run(history, { kind: 'md', scope: 'all' });
    const queued = exports.run(history, { kind: 'fountain', scope: 'all' });
    expect(await refusal(exports.run(history, { kind: 'pdf', scope: 'all' }))).toEqual({
      code: 'exports.busy',
      en: 'Exports are busy right now. Try again in a moment.',
      zh: '现在导出的人有点多，请稍等片刻再试。',
    });
    const [md, fountain] = await Promise.all([running, queued]);
    expect(new TextDecoder().decode(md)).toMatch(/^# The Heist/);
    expect(new TextDecoder().decode(fountain)).toMatch(/^Title: The Heist/);
    // Once the queue has room again, jobs are taken.
    expect((await exports.run(history, { kind: 'json', scope: 'all' })).length).toBeGreaterThan(100);
  }, 60_000);

  it('stops a job that runs past its time with a clear message, and replaces the worker', async () => {
    const big = makeBigHistory(5000, 200, 20);
    const { history } = await makeRichHistory();
    const exports = pool({ size: 1, timeoutMs: 300 });
    const startedAt = performance.now();
    expect(await refusal(exports.run(big, { kind: 'pdf', scope: 'all' }))).toEqual({
      code: 'exports.timeout',
      en: 'The export took longer than 0.3 seconds and was stopped. Try again later; for /export, scope:story makes a smaller file.',
      zh: '导出超过了 0.3 秒还没完成，已经停下。请稍后再试；用 /export 时，加上 scope:story 导出的文件会小一些。',
    });
    expect(performance.now() - startedAt).toBeLessThan(10_000);
    // The next job gets a fresh worker (a cold start takes longer than 300 ms on a busy machine, so this
    // one has its own, longer time).
    const fountain = await exports.run(history, { kind: 'fountain', scope: 'story' }, { timeoutMs: 60_000 });
    expect(
      Buffer.from(fountain).equals(
        Buffer.from(await renderExport(history, { kind: 'fountain', scope: 'story' })),
      ),
    ).toBe(true);
  }, 60_000);

  it('fails the jobs it has when closed, and refuses new ones', async () => {
    const { history } = await makeRichHistory();
    const exports = createExportPool({ size: 1 });
    const running = exports.run(history, { kind: 'pdf', scope: 'all' });
    const queued = exports.run(history, { kind: 'md', scope: 'all' });
    const outcomes = Promise.allSettled([running, queued]);
    await exports.close();
    for (const outcome of await outcomes) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: { message: 'the export pool is closed' } });
    }
    await expect(exports.run(history, { kind: 'md', scope: 'all' })).rejects.toThrow('closed');
  });
});
