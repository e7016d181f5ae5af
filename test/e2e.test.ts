// The local story room end to end: the real program (src/main.ts) on a fresh SQLite file, driven through
// stdin like a script would, then started again on the same file to find everything still there.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeOpenAiServer } from './helpers/fake-openai-server.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'storyroom-e2e-'));
const STORE_URL = `sqlite://${join(dir, 'e2e.sqlite')}`;
const VOTE_SECONDS = 10;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The environment of a machine with no chat platform and no model configured. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DISCORD_|SLACK_|LLM_|OPENAI_|STORE_URL$)/.test(name)),
  );
  return { ...env, STORE_URL, LOG_LEVEL: 'warn', CONSOLE_CHANNEL: 'e2e' };
}

function runScript(
  lines: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/main.ts'], { cwd: REPO, env: { ...offlineEnv(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(`${lines.join('\n')}\n`);
  });
}

/** What the room printed for one command: from its echoed line to the next one. */
function replyTo(stdout: string, command: string, nth = 0): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = stdout.indexOf(`> ${command}\n`, at + 1);
  if (at === -1) throw new Error(`"${command}" was not echoed; output was:\n${stdout}`);
  const end = stdout.indexOf('\n> ', at + 1);
  return stdout.slice(at + command.length + 3, end === -1 ? undefined : end);
}

const noErrorsLogged = (stderr: string) => {
  expect(stderr).not.toMatch(/"level":(50|60)/);
  expect(stderr).not.toContain('unhandled rejection');
};

describe('the local story room, end to end on SQLite', () => {
  it('keeps characters, beats, votes and settings across a restart, and follows the vote that closed meanwhile', async () => {
    const first = await runScript([
      '# a scripted session: everything here must survive the restart below',
      '/scene start title:"The Heist" genre:noir heading:"INT. DINER - NIGHT"',
      '/character add Vera A retired safecracker',
      '/character add Sam description:"The getaway driver" voice:"fast, nervous"',
      '/scene continue',
      '/line Sam',
      '/say Vera We go tonight. parenthetical:quietly',
      '/action A mistake to undo.',
      '/scene undo',
      `/vote open "They take the back door" "They walk in the front" duration:${VOTE_SECONDS}s`,
      '/as alice /vote cast 2',
      '/as bob /vote cast B',
      '/as carol:audience /vote cast A',
      '/room settings vote_duration:45s who_may_continue:writers cooldown:5s',
    ]);
    const firstEnded = Date.now();
    expect(first.code).toBe(0);
    noErrorsLogged(first.stderr);
    const out1 = first.stdout;
    expect(replyTo(out1, '/scene start title:"The Heist" genre:noir heading:"INT. DINER - NIGHT"')).toMatch(
      /started "The Heist" \(noir, earnest\)\.[\s\S]*INT\. DINER - NIGHT/,
    );
    expect(replyTo(out1, '/scene continue')).toContain('— offline narrator');
    expect(replyTo(out1, '/scene undo')).toMatch(
      /took back the last beat[\s\S]*VERA\n\s+\(quietly\)\n\s+We go tonight\./,
    );
    expect(replyTo(out1, '/as alice /vote cast 2')).toContain('(only alice sees this)\nYou voted for B');
    expect(replyTo(out1, '/as carol:audience /vote cast A')).toContain('You voted for A');
    expect(out1).not.toContain('Something went wrong');

    // Let the vote's deadline pass while the program is not running: on start-up it must close with every
    // recorded ballot, and the winner must steer the next beat.
    const wait = firstEnded + VOTE_SECONDS * 1000 + 300 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

    const second = await runScript([
      '/character list',
      '/character show Sam',
      '/vote status',
      '/room settings',
      '/scene continue',
      '/scene undo',
    ]);
    expect(second.code).toBe(0);
    noErrorsLogged(second.stderr);
    const out2 = second.stdout;
    expect(replyTo(out2, '/character list')).toContain(
      'Cast of The Heist: 2 characters\n  Vera: A retired safecracker\n  Sam: The getaway driver',
    );
    expect(replyTo(out2, '/character show Sam')).toContain('Voice: fast, nervous');
    expect(replyTo(out2, '/vote status')).toMatch(
      /VOTE · closed at its deadline\n {2}A\. They take the back door +1 vote\n {2}B\. They walk in the front +2 votes {2}← winner/,
    );
    expect(replyTo(out2, '/room settings')).toContain(
      'vote_duration: 45s\n  who_may_continue: writers\n  cooldown: 5s',
    );
    expect(replyTo(out2, '/scene continue')).toContain('— offline narrator, toward "They walk in the front"');
    // Undoing the new beat lands on the last beat written before the restart; the undone one stays gone.
    expect(replyTo(out2, '/scene undo')).toMatch(/VERA\n\s+\(quietly\)\n\s+We go tonight\./);
    expect(out2).not.toContain('A mistake to undo.');
    expect(out2).not.toContain('Something went wrong');
  }, 60_000);

  it('refuses to start on a bad setting, naming the variable and what it expects', async () => {
    const run = await runScript(['/scene start title:Never'], {
      STORE_URL: 'ftp://nowhere',
      LLM_CONTEXT_TOKENS: 'lots',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Invalid configuration:\n/);
    expect(run.stderr).toMatch(/ {2}STORE_URL: .+/);
    expect(run.stderr).toMatch(/ {2}LLM_CONTEXT_TOKENS: .+/);
    expect(run.stderr).toContain('See .env.example for every variable.');
  }, 30_000);

  it('writes with the model when LLM_* is set, in the local room too', async () => {
    const server = await startFakeOpenAiServer();
    try {
      const run = await runScript(['/scene start title:"Model night"', '/scene continue'], {
        STORE_URL: 'memory:',
        LLM_BASE_URL: server.baseURL,
        LLM_MODEL: 'fake-model',
        LLM_API_KEY: 'sk-test-not-a-secret',
      });
      expect(run.code).toBe(0);
      noErrorsLogged(run.stderr);
      expect(replyTo(run.stdout, '/scene continue')).toContain('The rain stops.');
      expect(run.stdout).not.toContain('offline narrator');
      expect(run.stderr).not.toContain('sk-test-not-a-secret');
      expect(server.chatBodies()).toHaveLength(1);
    } finally {
      await server.close();
    }
  }, 30_000);
});
