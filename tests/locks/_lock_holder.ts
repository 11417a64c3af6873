/**
 * A lock holder for tests: a child process that takes a lock with `acquireLock`, and holds it
 * until its stdin closes (`release`) or it is killed. `waitForLine` reads a child's stdout up to
 * a marker, for this holder and for the claim owner of the scheduler's tests.
 *
 * @module
 */

const LOCK_MODULE = new URL("../../src/locks/file_lock.ts", import.meta.url).href;

/** Reads `child`'s stdout until `marker` has appeared; returns what was read. */
export async function waitForLine(
  child: Deno.ChildProcess,
  marker: string,
  what: string,
): Promise<string> {
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!seen.includes(marker)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the ${what} ended before it printed ${JSON.stringify(marker)}`);
    seen += value;
  }
  reader.releaseLock();
  return seen;
}

/** A child process holding a lock. */
export interface LockHolder {
  /** The child (its pid is what waiters name). */
  readonly child: Deno.ChildProcess;
  /** Lets the lock go (closes the child's stdin) and waits for the child to end. */
  release(): Promise<void>;
}

/** Starts a child that takes the lock at `path` and returns once it holds it. */
export async function holdLock(path: string, exclusive: boolean): Promise<LockHolder> {
  const code = `
    import { acquireLock } from ${JSON.stringify(LOCK_MODULE)};
    await acquireLock(${JSON.stringify(path)}, { exclusive: ${exclusive}, what: "test" });
    console.log("held");
    for await (const _ of Deno.stdin.readable) { /* until the parent closes stdin */ }
  `;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", code],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  await waitForLine(child, "held", "lock holder");
  return {
    child,
    release: async () => {
      try {
        child.stdin.close();
      } catch { /* closed already */ }
      await child.status;
      await child.stdout.cancel().catch(() => {});
    },
  };
}
