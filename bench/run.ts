// `npm run bench`: every benchmark's figures as one JSON document on stdout.
import { benchAudience } from './audience.ts';
import { benchDiscordNight } from './discord-night.ts';
import { benchEngine } from './engine.ts';
import { benchExports } from './exports.ts';
import { benchLlm } from './llm.ts';
import { benchSlack } from './slack.ts';
import { benchStore } from './store.ts';
import { benchStyle } from './style.ts';

/** Redis and PostgreSQL as the tests find them; a server that is not there is reported, not fatal. */
const SERVERS = {
  redis: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  postgres: process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
};

async function storeFigures() {
  const figures: Record<string, unknown> = { sqlite: await benchStore() };
  for (const [name, url] of Object.entries(SERVERS)) {
    try {
      figures[name] = await benchStore(url);
    } catch (error) {
      figures[name] = { error: `not measured: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return figures;
}

const results: Record<string, unknown> = {};
results.engine = await benchEngine();
results.store = await storeFigures();
results.llm = await benchLlm();
results.style = await benchStyle();
results.exports = benchExports();
results.audience = await benchAudience();
results.slack = await benchSlack();
// Last: its REST fake intercepts discord.com in this process (nock).
results.discord = { story_night: await benchDiscordNight() };
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
