// "/as alice /vote cast 2" runs one command as someone else, so one terminal can try votes and roles.
// "/as bob:audience …" sets the role (writer by default); quote names with spaces: /as "Mary Jane" …
import type { Role } from '../../story/types.ts';

export type AsPrefix =
  | { kind: 'none' }
  | { kind: 'as'; name: string; role: Role; rest: string }
  | { kind: 'error'; message: string };

const PREFIX = /^\/?as(?:\s+|$)/i;
const WHO = /^(?:"([^"]*)"|'([^']*)'|([^\s:"]+))(?::(\S*))?(?:\s+|$)/u;
const ROLES: readonly Role[] = ['moderator', 'writer', 'audience'];
const NAME_MAX = 40;
const USAGE = 'Use it like /as alice /vote cast 2, or /as bob:audience /vote cast B.';

export function parseAsPrefix(line: string): AsPrefix {
  const trimmed = line.trim();
  const prefix = PREFIX.exec(trimmed);
  if (!prefix) return { kind: 'none' };
  const after = trimmed.slice(prefix[0].length);
  // "/as  /vote cast 1": the name was left out, and the command's first word must not be taken for it.
  if (after.startsWith('/')) {
    return { kind: 'error', message: `/as needs a name before the command. ${USAGE}` };
  }
  const who = WHO.exec(after);
  if (!who) return { kind: 'error', message: `Say who to act as. ${USAGE}` };
  const name = (who[1] ?? who[2] ?? who[3] ?? '').replace(/\s+/g, ' ').trim();
  if (name.length > NAME_MAX || !/[\p{L}\p{N}]/u.test(name) || /[\p{Cc}\p{Cs}]/u.test(name)) {
    return {
      kind: 'error',
      message: `A name for /as needs a letter or digit and at most ${NAME_MAX} characters. ${USAGE}`,
    };
  }
  const roleText = who[4]?.toLowerCase();
  const role = roleText === undefined || roleText === '' ? 'writer' : ROLES.find((r) => r === roleText);
  if (!role) {
    return { kind: 'error', message: `"${roleText?.slice(0, 20)}" is not a role: use ${ROLES.join(', ')}.` };
  }
  const rest = after.slice(who[0].length).trim();
  if (rest.length === 0) return { kind: 'error', message: `Say what ${name} should do. ${USAGE}` };
  if (PREFIX.test(rest)) return { kind: 'error', message: `Use one /as at a time. ${USAGE}` };
  return { kind: 'as', name, role, rest };
}
