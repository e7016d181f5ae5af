// Turns a model's reply into a validated object: drops reasoning blocks and code fences, takes the outermost
// JSON object, checks it with the task's zod schema. Failures say what was wrong, for the repair request.
import type { z } from 'zod';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string };

const OPEN = '<think>';
const CLOSE = '</think>';

/**
 * Drops each `<think>` up to the first `</think>` after it; an unclosed `<think>` stays as it is. One pass
 * with indexOf: once a `<think>` has no close after it, no later one has, so nothing is searched twice (a lazy
 * regex rescanned to the end for every unclosed tag, quadratic in their number).
 */
export function stripReasoning(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf(OPEN, from);
    if (open < 0) break;
    const close = text.indexOf(CLOSE, open + OPEN.length);
    if (close < 0) break;
    out += text.slice(from, open);
    from = close + CLOSE.length;
  }
  return (out + text.slice(from)).trim();
}

export function parseModelJson<T>(text: string, schema: z.ZodType<T>): ParseResult<T> {
  const content = stripReasoning(text);
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) return { ok: false, problem: 'the reply is not a JSON object' };
  let data: unknown;
  try {
    data = JSON.parse(content.slice(start, end + 1));
  } catch (error) {
    return { ok: false, problem: `the JSON does not parse (${(error as Error).message})` };
  }
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues
    .slice(0, 5)
    .map(
      (issue) => `${issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the object'}: ${issue.message}`,
    );
  return { ok: false, problem: issues.join('; ') };
}
