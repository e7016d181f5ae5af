// Random and hostile command lines for fuzz tests: byte noise, unicode oddities, quote soup, huge lines,
// mentions, typos of command names, and real commands with bad values, mixed with ordinary commands so
// the story gets deep enough (characters, beats, votes) for the bad values to reach the engine.
import type { Command } from '../../src/commands/command.ts';
import type { Random } from './seeded-random.ts';

const NAMES = ['Alice', 'alice', 'ALICE', 'Bob', 'Mary Jane', '李雷', 'Zoë', '@everyone', 'Nobody'];

const VALUES = [
  '',
  ' ',
  '0',
  '-1',
  '1',
  '2',
  '5',
  '6',
  '1e309',
  'NaN',
  'Infinity',
  '99999999999999999999',
  '0x1F',
  '1.5',
  'on',
  'off',
  'maybe',
  'true',
  '__proto__',
  'constructor',
  'toString',
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@&987>',
  '<!channel>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection attempt, on purpose.
  '${process.exit(1)}',
  '`rm -rf /`',
  "'; DROP TABLE rooms;--",
  'INT. DINER - NIGHT',
  'ext. harbor - dawn',
  'EXT.',
  '.',
  '.THE VOID',
  'A'.repeat(41),
  'x'.repeat(101),
  'y'.repeat(1001),
  'z '.repeat(600),
  '30s',
  '5m',
  '25h',
  '9s',
  '0s',
  '1h30m',
  '10s',
  '86400',
  'en',
  'zh-CN',
  'xx-invalid-tag-zz',
  'i-klingon',
  'mature',
  'general',
  'everyone',
  'writers',
  'A',
  'b',
  'Z',
  'v1',
  'v999',
  'b1',
  '😀🎭🎬',
  '\u202Eevil\u202C',
  'zero\u200Bwidth',
  'e\u0301\u0301\u0301',
  '\uFEFFbom',
  'ＦＵＬＬ／ＷＩＤＴＨ',
  'مرحبا بالعالم',
  ...NAMES,
];

const UNICODE = [
  '😀',
  '👩‍👩‍👧',
  '中',
  '文',
  'ع',
  '\u202E',
  '\u2066',
  '\u200B',
  '\u200D',
  '\u0301',
  '\uD800',
  '\uDFFF',
  '\u00A0',
  '\u3000',
  '\u2028',
  '／',
  'ß',
  'İ',
  'ﬁ',
  '\uFFFD',
  '\u0000',
  '\u001B[31m',
  '\u0007',
  '\u009B',
];

const QUOTE_SOUP = ['"', "'", '\\', '“', '”', ':', ' ', 'a', 'title', 'name:', '""', "''", '\\"', '/'];

const GOOD = [
  '/scene start title:"The Heist" genre:noir heading:"INT. DINER - NIGHT"',
  '/character add Alice A retired safecracker',
  '/character add Bob The getaway driver',
  '/character add "Mary Jane" voice:"fast, nervous"',
  '/scene continue',
  '/scene continue they argue about the money',
  '/say Alice We go tonight.',
  '/say Bob "Not without the key." parenthetical:whispering',
  '/action The door creaks open.',
  '/line Alice',
  '/line Bob make it sharp',
  '/scene new "EXT. HARBOR - NIGHT" Fog everywhere',
  '/scene new',
  '/scene rewrite',
  '/scene undo',
  '/vote open "Go left" "Go right" duration:30s',
  '/vote open',
  '/vote cast 1',
  '/as alice /vote cast 2',
  '/as bob:audience /vote cast B',
  '/vote status',
  '/vote extend by:30s',
  '/vote close',
  '/vote close pick:2',
  '/vote cancel',
  '/room settings',
  '/room settings vote_duration:45s who_may_continue:writers',
  '/room settings who_may_continue:everyone cooldown:0 auto_vote:on',
  '/room settings auto_vote:off',
  '/room lock',
  '/room unlock',
  '/room unlock',
  '/room unlock',
  '/character list',
  '/character show Alice',
  '/character edit Alice description:"Older now"',
  '/help',
  '/scene cancel',
];

/** A value written the way a person might: bare, double-quoted (with escapes) or single-quoted. */
function written(random: Random, value: string): string {
  const style = random.int(4);
  if (style === 0) return value;
  if (style === 1) return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  if (style === 2) return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  return `"${value}`; // sometimes unbalanced on purpose
}

function commandWithBadValues(random: Random, commands: readonly Command[]): string {
  const command = random.pick(commands);
  const keys = Object.keys(command.options.shape);
  const parts = [`/${command.name}`];
  for (const key of keys) {
    const roll = random.int(4);
    if (roll === 0) continue;
    const value = written(random, random.pick(VALUES));
    parts.push(roll === 1 ? value : `${key}:${value}`);
  }
  if (random.chance(0.2)) parts.push(`${random.pick(['bogus', 'titel', 'durations', '__proto__'])}:x`);
  if (random.chance(0.1)) parts.push(random.pick(VALUES));
  return parts.join(' ');
}

function typo(random: Random, commands: readonly Command[]): string {
  const chars = Array.from(random.pick(commands).name);
  const at = random.int(chars.length);
  const edit = random.int(3);
  if (edit === 0) chars.splice(at, 1);
  else if (edit === 1) chars.splice(at, 0, String.fromCharCode(97 + random.int(26)));
  else chars[at] = String.fromCharCode(97 + random.int(26));
  return `/${chars.join('')} ${random.pick(VALUES)}`;
}

function soup(random: Random, pool: readonly string[], length: number): string {
  return Array.from({ length }, () => random.pick(pool)).join('');
}

function randomBytes(random: Random): string {
  const bytes = Buffer.from(Array.from({ length: random.int(200) }, () => random.int(256)));
  return `${random.chance(0.5) ? '/' : ''}${bytes.toString('utf8')}`;
}

export function hostileLine(random: Random, commands: readonly Command[]): string {
  const kind = random.int(12);
  let line: string;
  switch (kind) {
    case 0:
      line = randomBytes(random);
      break;
    case 1:
      line = `/${random.pick(commands).name} ${soup(random, UNICODE, random.int(30))}`;
      break;
    case 2:
      line = `/${random.pick(commands).name} ${soup(random, QUOTE_SOUP, random.int(40))}`;
      break;
    case 3: {
      const size = random.pick([3999, 4000, 4001, 10_000]);
      line = `/action ${'w'.repeat(size)}`.slice(0, size);
      break;
    }
    case 4:
      line = random.pick([
        '/say Alice @everyone @here look',
        '/action <@123> and <!channel> and @everyone',
        '/character add @everyone',
        '/as @everyone /vote cast 1',
        '/vote open "@everyone" "<@&1>"',
      ]);
      break;
    case 5:
      line = typo(random, commands);
      break;
    case 6:
      line = `/as ${written(random, random.pick(NAMES))}${random.chance(0.3) ? `:${random.pick(['audience', 'moderator', 'writer', 'king', ''])}` : ''} ${random.chance(0.8) ? random.pick(GOOD) : random.pick(['', '/as x /help', '/nope'])}`;
      break;
    case 7:
      line = random.pick([
        '',
        '   ',
        '#comment',
        '/',
        '//',
        '/ ',
        '\t',
        '/as',
        '/as ""',
        '/quit?',
        '/HELP',
        '/Scene   START',
      ]);
      break;
    default:
      line = random.chance(0.5) ? random.pick(GOOD) : commandWithBadValues(random, commands);
  }
  return line;
}

/** The ordinary opening of a story, so the fuzz reaches characters, beats and votes. */
export const OPENING_LINES = GOOD.slice(0, 5);
