/** Runs a CLI under `deno run` with the permissions its deno task grants. @module */

/** Output of a CLI run. */
export interface CliResult {
  /** Exit code. */
  readonly code: number;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
}

const ROOT = new URL("../../", import.meta.url).pathname;

/** Runs `deno run <perms> src/cli/<name>.ts <args>` in the repository root. */
export async function runCli(
  name: string,
  perms: readonly string[],
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...perms, `src/cli/${name}.ts`, ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
