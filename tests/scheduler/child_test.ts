/** The cell worker arms no timer past the limit a timer honours (2^31 - 1 ms). */
import { assertRejects } from "../results/_assert.ts";
import { CellWorker } from "../../src/scheduler/child.ts";
import type { CellSpec } from "../../src/scheduler/spec.ts";

Deno.test("CellWorker.run refuses a time limit past the timer limit before it starts a process", async () => {
  const tmpDir = await Deno.makeTempDir();
  const worker = new CellWorker({ tmpDir });
  try {
    // 2,200,000 s: Deno would clamp the timer to 1 ms and time the cell out at once.
    for (const timeoutMs of [2_200_000_000, 1e308 * 1000, Number.NaN]) {
      await assertRejects(() => worker.run({} as CellSpec, { timeoutMs }), RangeError);
    }
  } finally {
    await worker.close();
  }
  // No worker folder was made: no process started.
  for (const _ of Deno.readDirSync(tmpDir)) throw new Error("a worker folder was made");
  await Deno.remove(tmpDir);
});
