// Runs the real program (src/main.ts) as a child process, the way an operator or a script would, and measures
// how long it takes to exit.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface MainRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** From spawn to exit. */
  ms: number;
  /** Whether it had to be killed after killAfterMs. */
  killed: boolean;
}

/** An environment with no chat platform, model, store or language configured, plus `env`. */
export function cleanEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(DISCORD_|SLACK_|LLM_|OPENAI_|STORE_URL$|LOG_LEVEL$|NARRATOR_|LANG$|LC_ALL$|LC_MESSAGES$)/.test(
          name,
        ),
    ),
  );
  return { ...inherited, ...env };
}

export function runMain(options: {
  env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed; undefined leaves stdin open. */
  stdin?: string | undefined;
  killAfterMs?: number;
  /** Command-line arguments after src/main.ts (e.g. --lang zh-CN). */
  args?: readonly string[];
}): Promise<MainRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['src/main.ts', ...(options.args ?? [])], {
      cwd: REPO,
      env: cleanEnv(options.env),
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, options.killAfterMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Math.round(performance.now() - started), killed });
    });
    child.stdin.on('error', () => {}); // the program may exit before reading it all
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
  });
}
