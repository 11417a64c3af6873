/**
 * `acquireLock`: a lock another process holds is waited for with notices naming the holder,
 * given up with `LockTimeoutError` when the time is up, and taken at once when its holder dies
 * (the kernel drops a flock with its process, whatever the host name).
 */
import { assert, assertEquals, assertRejects } from "../results/_assert.ts";
import { LockTimeoutError } from "../../src/core/errors.ts";
import { acquireLock, lockHolders } from "../../src/locks/mod.ts";
import { holdLock } from "./_lock_holder.ts";

/** A child holding the lock at `path`; closing its stdin lets the lock go. */
async function holder(path: string, exclusive: boolean): Promise<Deno.ChildProcess> {
  return (await holdLock(path, exclusive)).child;
}

Deno.test("acquireLock: names the live holder while waiting, then gives up", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/device-cpu.lock`;
  const child = await holder(path, true);
  try {
    const holders = lockHolders(path);
    assertEquals(holders.length, 1);
    assertEquals(holders[0]!.pid, child.pid);
    const notices: string[] = [];
    const err = await assertRejects(
      () =>
        acquireLock(path, {
          exclusive: false,
          what: "device cpu",
          timeoutMs: 400,
          noticeAfterMs: 100,
          noticeEveryMs: 100,
          onWait: (m) => notices.push(m),
        }),
      LockTimeoutError,
    );
    assert(notices.length >= 2, `notices: ${JSON.stringify(notices)}`);
    assert(notices[0]!.includes(`pid ${child.pid}`), notices[0]);
    assert(notices[0]!.includes("device cpu"), notices[0]);
    assert(err.message.includes(`pid ${child.pid}`), err.message);
  } finally {
    child.stdin.close();
    await child.status;
    child.stdout.cancel().catch(() => {});
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("acquireLock: a killed holder's lock is taken and its holder file removed", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/store.lock`;
  const child = await holder(path, true);
  child.kill("SIGKILL");
  await child.status;
  await child.stdout.cancel().catch(() => {});
  const lock = await acquireLock(path, { exclusive: true, what: "store", timeoutMs: 2000 });
  const holders = lockHolders(path);
  assertEquals(holders.map((h) => h.pid), [Deno.pid]);
  lock.release();
  lock.release(); // idempotent
  assertEquals(lockHolders(path), []);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("acquireLock: shared holders share; an exclusive waiter waits for both", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/device-cpu.lock`;
  const child = await holder(path, false);
  try {
    const mine = await acquireLock(path, { exclusive: false, what: "device cpu", timeoutMs: 500 });
    assertEquals(lockHolders(path).length, 2);
    mine.release();
    await assertRejects(
      () => acquireLock(path, { exclusive: true, what: "device cpu", timeoutMs: 200 }),
      LockTimeoutError,
    );
  } finally {
    child.stdin.close();
    await child.status;
    child.stdout.cancel().catch(() => {});
  }
  const lock = await acquireLock(path, { exclusive: true, what: "device cpu", timeoutMs: 2000 });
  lock.release();
  await Deno.remove(dir, { recursive: true });
});
