/**
 * The one mapping from an error to a CLI exit code: flag errors, typed input errors and
 * operating-system errors on a path become one `error: ...` line and exit code 2.
 *
 * @module
 */
import { CommanderError } from "commander";
import { resolve } from "node:path";
import { BenchError, LockTimeoutError } from "../core/errors.ts";
import { describeGrant } from "./_grants.ts";

/** Exit code of bad flags or bad input. */
export const EXIT_USAGE = 2;

/** Exit code of a run that gave up waiting for a lock (nothing recorded as failed). */
export const EXIT_BUSY = 1;

/**
 * Bad flags or flag combinations found after parsing (`--prompt` and `--input` both given, a
 * value out of range). Thrown by a CLI's `main`; `runCli` prints it as one line, exit 2.
 */
export class UsageError extends BenchError {}

/** A `--flag value` pair (or a positional argument) as the user typed it. */
interface GivenPath {
  readonly flag: string;
  readonly value: string;
}

/** The `--flag value`, `--flag=value` pairs and positional arguments of `args`. */
function givenValues(args: readonly string[]): GivenPath[] {
  const out: GivenPath[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) out.push({ flag: a.slice(0, eq), value: a.slice(eq + 1) });
      else {
        const next = args[i + 1];
        if (next !== undefined && !next.startsWith("-")) {
          out.push({ flag: a, value: next });
          i++;
        }
      }
    } else if (!a.startsWith("-")) out.push({ flag: "argument", value: a });
  }
  return out;
}

/** The flag whose value is `path` or a folder above it (the longest such value wins). */
function flagOf(path: string, args: readonly string[]): GivenPath | undefined {
  const target = resolve(path);
  let best: GivenPath | undefined;
  for (const given of givenValues(args)) {
    if (given.value === "") continue;
    const root = resolve(given.value);
    if (target !== root && !target.startsWith(root.endsWith("/") ? root : `${root}/`)) continue;
    if (best === undefined || given.value.length > best.value.length) best = given;
  }
  return best;
}

/** Deno's errors raised by the operating system or the permission sandbox on a path. */
function isPathError(error: unknown): error is Error {
  return error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory ||
    error instanceof Deno.errors.AlreadyExists || error instanceof Deno.errors.IsADirectory ||
    error instanceof Deno.errors.PermissionDenied || error instanceof Deno.errors.NotCapable ||
    error instanceof Deno.errors.FilesystemLoop ||
    (error instanceof Error && /\(os error \d+\)/.test(error.message));
}

function reasonOf(error: Error): string {
  if (error instanceof Deno.errors.NotFound) return "not found";
  if (error instanceof Deno.errors.NotADirectory) return "a file where a folder is expected";
  if (error instanceof Deno.errors.AlreadyExists) return "exists and is not a folder";
  if (error instanceof Deno.errors.IsADirectory) return "a folder where a file is expected";
  if (error instanceof Deno.errors.PermissionDenied) return "permission denied";
  return "cannot be used";
}

/** The path an error of Deno names: `... mkdir 'a/b'` or `... access to "a/b", ...`. */
function pathIn(message: string): string | undefined {
  const quoted = /'([^']+)'\s*$/.exec(message) ?? /"([^"]+)"/.exec(message);
  return quoted?.[1];
}

/**
 * The folders the running CLI's `deno task` grants for `kind` (`read`, `write`), read from
 * `deno.json` in the working folder, placeholders of the launcher (`_grants.ts`) described;
 * empty when it cannot be read.
 */
function grantedFolders(kind: string): string[] {
  try {
    const file = new URL(Deno.mainModule).pathname.split("/").slice(-2).join("/");
    const config = JSON.parse(Deno.readTextFileSync("deno.json")) as {
      tasks?: Record<string, string>;
    };
    const command = Object.values(config.tasks ?? {}).find((c) => c.includes(`cli/${file}`)) ??
      Object.values(config.tasks ?? {}).find((c) => c.includes(file));
    const granted = command === undefined
      ? undefined
      : new RegExp(`--allow-${kind}=(\\S+)`).exec(command)?.[1];
    return granted === undefined ? [] : granted.split(",").map(describeGrant);
  } catch {
    return [];
  }
}

/**
 * The one line for a path outside what this command may `kind` (`read`, `write`): names the
 * flag and path and the folders the command's `deno task` grants.
 */
export function refusalLine(kind: string, where: string): string {
  const folders = grantedFolders(kind);
  if (folders.some((f) => f.startsWith("its "))) {
    // Granted at launch (`src/cli/launch.ts`): through `deno task`, this is never refused.
    return `${where}: this command may not ${kind} there (\`deno task\` grants ${kind} access ` +
      `to ${folders.join(" and ")}); run it through \`deno task\`, or with ` +
      `deno run --allow-${kind}=PATH`;
  }
  const allowed = folders.length > 0
    ? `\`deno task\` grants ${kind} access to ${folders.join(", ")} only`
    : `its \`deno task\` does not grant ${kind} access there`;
  return `${where}: this command may not ${kind} there (${allowed}); use a path inside ` +
    `${folders.length > 0 ? "them" : "the granted folders"}, or run the CLI with ` +
    `deno run --allow-${kind}=PATH`;
}

/** One line describing an error on a path, naming the flag that gave the path when known. */
export function describePathError(error: Error, args: readonly string[]): string {
  const path = pathIn(error.message);
  const given = path === undefined ? undefined : flagOf(path, args);
  const where = given === undefined
    ? path ?? "a path"
    : `${given.flag === "argument" ? "" : `${given.flag} `}${given.value}`;
  const detail = error.message.split("\n")[0] ?? "";
  if (error instanceof Deno.errors.NotCapable) {
    return refusalLine(/Requires (\w+) access/.exec(error.message)?.[1] ?? "use", where);
  }
  return `${where}: ${reasonOf(error)} (${detail})`;
}

/** A permission refusal in the cause chain of `error`, if any. */
function refusalIn(error: unknown): Error | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; depth++) {
    if (e instanceof Deno.errors.NotCapable) return e;
    e = e.cause;
  }
  return undefined;
}

/**
 * The exit code for an error thrown while parsing flags or running `main(args)`: prints one
 * `error: ...` line for flag errors (exit 2, or 0 after `--help`), a `LockTimeoutError` (exit 1:
 * a busy machine or store, not bad input), `BenchError`s (typed input
 * errors, `UsageError` among them) and operating-system or permission errors on a path (named
 * by the flag that gave it), and returns 2. Anything else is a bug and is rethrown.
 */
export function exitCodeFor(error: unknown, args: readonly string[] = []): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return 0;
    console.error(`error: ${error.message.replace(/^error: /, "").split("\n")[0]}`);
    return EXIT_USAGE;
  }
  if (error instanceof LockTimeoutError) {
    console.error(`error: ${error.message.split("\n")[0]}`);
    return EXIT_BUSY;
  }
  if (error instanceof BenchError) {
    const refused = refusalIn(error);
    if (refused !== undefined) {
      console.error(`error: ${describePathError(refused, args)}`);
      return EXIT_USAGE;
    }
    const given = error.file === undefined ? undefined : flagOf(error.file, args);
    const flag = given === undefined || given.flag === "argument" ||
        error.message.includes(given.flag)
      ? ""
      : `${given.flag}: `;
    console.error(`error: ${flag}${error.message.split("\n")[0]}`);
    return EXIT_USAGE;
  }
  if (error instanceof Deno.errors.AddrInUse || error instanceof Deno.errors.AddrNotAvailable) {
    console.error(`error: ${error.message.split("\n")[0]}`);
    return EXIT_USAGE;
  }
  if (isPathError(error)) {
    console.error(`error: ${describePathError(error, args)}`);
    return EXIT_USAGE;
  }
  throw error;
}
