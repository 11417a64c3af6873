/**
 * `deno run <its own permissions> src/cli/launch.ts <deno run flags> ENTRY [args]`: starts
 * `deno run <deno run flags> ENTRY [args]` with the placeholders of `_grants.ts` (`@out`,
 * `@temp`, `@systemp`) in its `--allow-*=` lists replaced by the folders they stand for now,
 * so a `deno task` grants write access to exactly the `--out` folder and this user's temp
 * folder, wherever `--out` and `TMPDIR` point. The launcher itself needs only to read the
 * environment (`TMPDIR`), the uid and to run deno. stdin, stdout and stderr are the
 * command's own; SIGINT, SIGTERM and SIGHUP are passed on; the exit code is the command's
 * (128 + the signal number when a signal ended it).
 *
 * Exit codes: the command's; 2 when the launch line is malformed or a folder to grant has a
 * comma in its path (a permission list cannot name it).
 *
 * @module
 */
import { expandGrant } from "./_grants.ts";
import { UsageError } from "./_errors.ts";
import { runCli } from "./_run.ts";
import { denoCommand } from "../scheduler/child.ts";

/** The `deno run` arguments for a launch line: placeholders replaced. */
export function launchArgs(line: readonly string[]): string[] {
  const at = line.findIndex((a) => !a.startsWith("-"));
  if (at < 0) throw new UsageError("launch: no module to run after the deno run flags");
  const flags = line.slice(0, at);
  const entry = line[at]!;
  const args = line.slice(at + 1);
  const expanded = flags.map((flag) => {
    const m = /^(--allow-[a-z]+)=(.*)$/.exec(flag);
    if (m === null || !m[2]!.includes("@")) return flag;
    const paths = m[2]!.split(",").flatMap((item) => expandGrant(item, args));
    for (const p of paths) {
      if (p.includes(",")) {
        throw new UsageError(
          `${p}: a folder whose path has a comma cannot be granted (${m[1]} takes a ` +
            `comma-separated list); use another folder`,
        );
      }
    }
    return `${m[1]}=${[...new Set(paths)].join(",")}`;
  });
  return ["run", ...expanded, entry, ...args];
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Runs the launch line and returns the command's exit code. */
export async function main(line: readonly string[]): Promise<number> {
  const child = new Deno.Command(denoCommand(), {
    args: launchArgs(line),
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  const forward = SIGNALS.map((signal) => {
    const pass = (): void => {
      try {
        child.kill(signal);
      } catch { /* it has ended */ }
    };
    Deno.addSignalListener(signal, pass);
    return () => Deno.removeSignalListener(signal, pass);
  });
  try {
    return (await child.status).code;
  } finally {
    for (const remove of forward) remove();
  }
}

runCli(import.meta, main);
