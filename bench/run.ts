// `npm run bench`: every benchmark's figures as one JSON document on stdout.
import { benchEngine } from './engine.ts';

const results: Record<string, unknown> = {};
results.engine = await benchEngine();
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
