// `npm run bench`: every benchmark's figures as one JSON document on stdout.
import { benchEngine } from './engine.ts';
import { benchLlm } from './llm.ts';
import { benchStore } from './store.ts';

const results: Record<string, unknown> = {};
results.engine = await benchEngine();
results.store = await benchStore();
results.llm = await benchLlm();
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
