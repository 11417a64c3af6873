/**
 * The one way the tests run a CLI: as a subprocess of the running `deno` (`deno task NAME`, or
 * `deno run PERMS src/cli/NAME.ts`, or any other `deno` command line) in the repository root,
 * or in this process through the CLI's exported `main` and `runMain` (src/cli/_run.ts), with
 * what it prints captured. A subprocess checks what only the sandbox shows (the permissions a
 * task grants, the exit of the process); in-process runs check everything else, faster.
 *
 * @module
 */
import { type CliMain, runMain } from "../../src/cli/_run.ts";

/** Repository root, without a trailing slash. */
export const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** Output of a CLI run. */
export interface CliResult {
  /** Exit code. */
  readonly code: number;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
}

/** Options of a subprocess run. */
export interface DenoOptions {
  /** Working folder (default: the repository root). */
  readonly cwd?: string;
  /** Environment added to this process's (NO_COLOR=1 is always set). */
  readonly env?: Record<string, string>;
  /** Whether the child sees only `env` (and NO_COLOR), not this process's environment. */
  readonly clearEnv?: boolean;
}

/**
 * `deno ARGS` (the running deno binary) in the repository root, its stdout and stderr piped:
 * `.output()` it through {@link deno}, or `.spawn()` it for a process the test talks to.
 */
export function denoCommand(args: readonly string[], o: DenoOptions = {}): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: [...args],
    cwd: o.cwd ?? ROOT,
    env: { NO_COLOR: "1", ...o.env },
    clearEnv: o.clearEnv ?? false,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}

/** Runs `deno ARGS` (the running deno binary) and returns its exit code and output. */
export async function deno(args: readonly string[], o: DenoOptions = {}): Promise<CliResult> {
  const out = await denoCommand(args, o).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** Runs `deno task -q NAME ARGS`: the CLI with exactly the permissions deno.json grants it. */
export function task(
  name: string,
  args: readonly string[],
  o: DenoOptions = {},
): Promise<CliResult> {
  return deno(["task", "-q", name, ...args], o);
}

/** Runs `deno run --quiet --no-prompt PERMS src/cli/NAME.ts ARGS` in the repository root. */
export function runCli(
  name: string,
  perms: readonly string[],
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return deno(["run", "--quiet", "--no-prompt", ...perms, `${ROOT}/src/cli/${name}.ts`, ...args], {
    env,
  });
}

/**
 * Runs `runMain(main, args)` in this process and returns its exit code and what it printed
 * through `console` (log and info to stdout; error and warn to stderr). Relative paths in `args`
 * are read from this process's working folder (under `deno task test`, the repository root):
 * changing it would change it for every test running beside this one.
 */
export async function runInProcess(main: CliMain, args: readonly string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { ...console };
  const line = (to: string[]) => (...data: unknown[]) => {
    to.push(data.map((d) => typeof d === "string" ? d : Deno.inspect(d)).join(" ") + "\n");
  };
  Object.assign(console, { log: line(out), info: line(out), error: line(err), warn: line(err) });
  try {
    const code = await runMain(main, args);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    Object.assign(console, saved);
  }
}
