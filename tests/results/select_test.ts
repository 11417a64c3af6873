import { assertEquals } from "./_assert.ts";
import { makeCell } from "./_fixtures.ts";
import {
  boardIdentity,
  boardRecords,
  byTime,
  latestByKey,
  prefer,
  sha256Text,
} from "../../src/results/mod.ts";

const error = { reason: "crash", message: "x", stderrTail: "", attempts: 1 } as const;

Deno.test("prefer: ok over failed, then newest, then the larger run id", () => {
  const key = sha256Text("k");
  const ok = makeCell({ cellKey: key, finishedAt: "2026-01-01T00:00:00.000Z" });
  const failed = makeCell({
    cellKey: key,
    status: "failed",
    error,
    finishedAt: "2026-03-01T00:00:00.000Z",
  });
  const newer = makeCell({ cellKey: key, finishedAt: "2026-02-01T00:00:00.000Z" });
  const sameTimeLaterRun = makeCell({ ...newer, runId: "20261128T130000Z-host-zzzzzz" });
  assertEquals(prefer(ok, failed), true);
  assertEquals(prefer(failed, ok), false);
  assertEquals(prefer(newer, ok), true);
  assertEquals(prefer(sameTimeLaterRun, newer), true);
  assertEquals(prefer(newer, sameTimeLaterRun), false);
  // Order of the input does not matter.
  assertEquals(latestByKey([sameTimeLaterRun, newer, failed, ok]), [sameTimeLaterRun]);
  assertEquals(latestByKey([ok, failed, newer, sameTimeLaterRun]), [sameTimeLaterRun]);
  assertEquals(latestByKey([failed]), [failed]);
  // byTime is the same order, oldest first, whatever the status.
  assertEquals([sameTimeLaterRun, failed, newer, ok].sort(byTime), [
    ok,
    newer,
    sameTimeLaterRun,
    failed,
  ]);
  assertEquals(byTime(newer, makeCell({ ...newer })), 0);
});

Deno.test("boardIdentity: a CPU name with a colon is still one machine per core count", () => {
  const base = makeCell({ cellKey: sha256Text("x") });
  const lat = (cpu: string, cores: number) =>
    makeCell({
      ...base,
      settings: { ...base.settings, profile: "latency" },
      quality: null,
      environment: { ...base.environment, cpu, cores },
    });
  const ids = [lat("X:1", 2), lat("X", 12), lat("X:12", 2), lat("X:1", 22)].map(boardIdentity);
  assertEquals(new Set(ids).size, 4);
});

Deno.test("boardIdentity: quality per model and task, efficiency per target and machine", () => {
  const q1 = makeCell({ cellKey: sha256Text("1"), finishedAt: "2026-11-28T10:00:00.000Z" });
  const q2 = makeCell({
    cellKey: sha256Text("2"),
    finishedAt: "2026-11-28T11:00:00.000Z",
    target: { ...q1.target, id: "cpu-1t" },
    environment: { ...q1.environment, cpu: "Other CPU" },
  });
  assertEquals(boardIdentity(q1), boardIdentity(q2));
  const lat = (n: string, cpu: string, target = "cpu") =>
    makeCell({
      cellKey: sha256Text(n),
      settings: { ...q1.settings, profile: "latency" },
      quality: null,
      target: { ...q1.target, id: target },
      environment: { ...q1.environment, cpu },
    });
  const a = lat("a", "CPU A"), b = lat("b", "CPU B"), c = lat("c", "CPU A", "cpu-1t");
  const picked = boardRecords([q1, q2, a, b, c]).map((r) => r.cellKey);
  assertEquals(picked, [sha256Text("2"), sha256Text("a"), sha256Text("b"), sha256Text("c")]);
});
