// "/as alice /vote cast 2" runs one command as someone else, so one terminal can try votes and roles.
// "/as bob:audience …" sets the role (writer by default); quote names with spaces: /as "Mary Jane" …
import { type Message, msg } from '../../i18n/message.ts';
import type { Role } from '../../story/types.ts';

export type AsPrefix =
  | { kind: 'none' }
  | { kind: 'as'; name: string; role: Role; rest: string }
  | { kind: 'error'; message: Message };

const PREFIX = /^\/?as(?:\s+|$)/i;
const WHO = /^(?:"([^"]*)"|'([^']*)'|([^\s:"]+))(?::(\S*))?(?:\s+|$)/u;
const ROLES: readonly Role[] = ['moderator', 'writer', 'audience'];
const NAME_MAX = 40;
const usage = msg('console.as.usage');

export function parseAsPrefix(line: string): AsPrefix {
  const trimmed = line.trim();
  const prefix = PREFIX.exec(trimmed);
  if (!prefix) return { kind: 'none' };
  const after = trimmed.slice(prefix[0].length);
  // "/as  /vote cast 1": the name was left out, and the command's first word must not be taken for it.
  if (after.startsWith('/')) {
    return { kind: 'error', message: msg('console.as.name-first', { usage }) };
  }
  const who = WHO.exec(after);
  if (!who) return { kind: 'error', message: msg('console.as.who', { usage }) };
  const name = (who[1] ?? who[2] ?? who[3] ?? '').replace(/\s+/g, ' ').trim();
  if (name.length > NAME_MAX || !/[\p{L}\p{N}]/u.test(name) || /[\p{Cc}\p{Cs}]/u.test(name)) {
    return {
      kind: 'error',
      message: msg('console.as.bad-name', { max: NAME_MAX, usage }),
    };
  }
  const roleText = who[4]?.toLowerCase();
  const role = roleText === undefined || roleText === '' ? 'writer' : ROLES.find((r) => r === roleText);
  if (!role) {
    // The role names are what people type, so they stay as they are in every language.
    const roles = ROLES.join(', ');
    return {
      kind: 'error',
      message: msg('console.as.bad-role', { role: roleText?.slice(0, 20) ?? '', roles }),
    };
  }
  const rest = after.slice(who[0].length).trim();
  if (rest.length === 0) return { kind: 'error', message: msg('console.as.what', { name, usage }) };
  if (PREFIX.test(rest)) return { kind: 'error', message: msg('console.as.one-at-a-time', { usage }) };
  return { kind: 'as', name, role, rest };
}
