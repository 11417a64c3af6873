/**
 * `runPlan` with a fake store (records kept in memory) and a fake cell runner:
 * resume, retries, claims shared by two runs, device exclusivity of the latency
 * cells, the quality pool and worker reuse, without processes or models.
 */
import { assert, assertEquals } from "../results/_assert.ts";
import type { CellRecord, SampleRecord } from "../../src/core/record.ts";
import type { Target } from "../../src/core/target.ts";
import type { TaskDef } from "../../src/core/task.ts";
import type { AttemptResult, CellRunner } from "../../src/scheduler/child.ts";
import { Claims } from "../../src/scheduler/claims.ts";
import {
  holdOwner,
  liveOwnerIds,
  type Owner,
  ownerAlive,
  thisOwner,
} from "../../src/scheduler/owner.ts";
import { buildPlan, type PlannedCell } from "../../src/scheduler/plan.ts";
import { runPlan, type RunPlanOptions } from "../../src/scheduler/run.ts";
import { DEFAULT_SETTINGS, profilesOf } from "../../src/scheduler/settings.ts";
import type { CellSpec } from "../../src/scheduler/spec.ts";
import { sha256Text } from "../../src/results/mod.ts";
import { makeCell } from "../results/_fixtures.ts";

const base = makeCell();

function plan(models: string[], tasks: string[]): PlannedCell[] {
  const target = (id: string): Target => ({
    id,
    label: id,
    device: "cpu",
    providers: [{ name: "cpu" }],
    session: { intraOpNumThreads: id === "cpu-1t" ? 1 : 0 },
  });
  return buildPlan({
    models: models.map((id) => ({
      entry: { id, dir: `/m/${id}`, info: { ...base.model, id } },
      info: { ...base.model, id, sha256: sha256Text(id) },
    })),
    tasks: tasks.map((id) => ({
      task: { id, generation: { maxNewTokens: 16, stop: [] } } as unknown as TaskDef,
      info: { ...base.task!, id },
      dir: "/tasks",
    })),
    targets: [target("cpu"), target("cpu-1t")],
    profiles: profilesOf("default"),
    settings: DEFAULT_SETTINGS,
    environment: base.environment,
    datasetsDir: "/datasets",
  });
}

/** An in-memory store shared by runs, one writer per run. */
class FakeStore {
  readonly records: CellRecord[] = [];
  writer(runId: string): RunPlanOptions["writer"] {
    return {
      runId,
      writeCell: (record: CellRecord, _samples?: readonly SampleRecord[]) => {
        this.records.push(structuredClone(record));
        return Promise.resolve();
      },
    };
  }
  read = (): Promise<CellRecord[]> => Promise.resolve(structuredClone(this.records));
}

/** Runs cells by waiting a little; logs what ran, where, and how many ran at once. */
class FakeRunners {
  readonly ran: { key: string; runner: number; threads: number | undefined }[] = [];
  running = 0;
  overlapWithTimed = false;
  timedRunning = 0;
  made = 0;
  failures = new Map<string, Extract<AttemptResult, { ok: false }>[]>();
  make = (): CellRunner => {
    const id = ++this.made;
    return {
      run: async (spec: CellSpec): Promise<AttemptResult> => {
        const timed = spec.settings.profile !== "quality";
        this.running++;
        if (timed) this.timedRunning++;
        if (this.timedRunning > 0 && this.running > 1) this.overlapWithTimed = true;
        await new Promise((r) => setTimeout(r, 5));
        this.running--;
        if (timed) this.timedRunning--;
        this.ran.push({ key: spec.key, runner: id, threads: spec.threads });
        const fail = this.failures.get(spec.key)?.shift();
        if (fail) return fail;
        return {
          ok: true,
          outcome: {
            model: spec.model,
            quality: timed ? null : base.quality,
            efficiency: base.efficiency,
            sweep: null,
            samples: [],
          },
        };
      },
      close: () => Promise.resolve(),
    };
  };
}

function options(
  store: FakeStore,
  runners: FakeRunners,
  runId: string,
  extra: Partial<RunPlanOptions> = {},
): RunPlanOptions {
  return {
    store: "/nonexistent",
    writer: store.writer(runId),
    readCells: store.read,
    environment: base.environment,
    tmpDir: "/nonexistent",
    timeoutS: 10,
    retries: 1,
    backoffMs: 1,
    fresh: false,
    onEvent: () => {},
    newRunner: runners.make,
    pollMs: 5,
    ...extra,
  };
}

Deno.test("runPlan runs every cell once, quality first, and a rerun resumes with nothing to do", async () => {
  const cells = plan(["a", "b"], ["qa", "write"]);
  const store = new FakeStore();
  const runners = new FakeRunners();
  const summary = await runPlan(cells, options(store, runners, "run-1"));
  assertEquals([summary.ok, summary.failed, summary.skipped], [cells.length, 0, 0]);
  assertEquals(runners.ran.map((r) => r.key).sort(), cells.map((c) => c.key).sort());
  const profiles = runners.ran.map((r) =>
    cells.find((c) => c.key === r.key)!.spec.settings.profile
  );
  assertEquals(profiles.lastIndexOf("quality") < profiles.indexOf("latency"), true);
  const again = await runPlan(cells, options(store, new FakeRunners(), "run-2"));
  assertEquals([again.ok, again.skipped], [0, cells.length]);
});

Deno.test("runPlan resumes after a kill: only the cells without an ok record run", async () => {
  const cells = plan(["a"], ["qa", "write"]);
  const store = new FakeStore();
  const first = new FakeRunners();
  // A run killed after two cells: the store holds their records and nothing else.
  await runPlan(cells.slice(0, 2), options(store, first, "run-1"));
  const rest = new FakeRunners();
  const summary = await runPlan(cells, options(store, rest, "run-2"));
  assertEquals(summary.skipped, 2);
  assertEquals(rest.ran.map((r) => r.key).sort(), cells.slice(2).map((c) => c.key).sort());
  assertEquals(new Set(store.records.map((r) => r.cellKey)).size, cells.length);
});

Deno.test("runPlan retries a crash with backoff and does not retry a caught error", async () => {
  const cells = plan(["a"], ["qa"]).slice(0, 2);
  const store = new FakeStore();
  const runners = new FakeRunners();
  const crash = { ok: false as const, reason: "crash" as const, message: "boom", stderrTail: "" };
  const error = { ok: false as const, reason: "error" as const, message: "bad", stderrTail: "" };
  runners.failures.set(cells[0]!.key, [crash]);
  runners.failures.set(cells[1]!.key, [error]);
  const summary = await runPlan(cells, options(store, runners, "run-1"));
  assertEquals([summary.ok, summary.failed], [1, 1]);
  assertEquals(runners.ran.filter((r) => r.key === cells[0]!.key).length, 2);
  assertEquals(runners.ran.filter((r) => r.key === cells[1]!.key).length, 1);
  const failed = store.records.find((r) => r.status === "failed")!;
  assertEquals([failed.error?.reason, failed.error?.attempts], ["error", 1]);
});

Deno.test("quality cells run side by side on one-thread workers, reused per model; latency alone", async () => {
  const cells = plan(["a", "b", "c"], ["qa", "write", "translate"]);
  const store = new FakeStore();
  const runners = new FakeRunners();
  await runPlan(cells, options(store, runners, "run-1", { qualityWorkers: 2 }));
  const quality = runners.ran.filter((r) =>
    cells.find((c) => c.key === r.key)!.spec.settings.profile === "quality"
  );
  assertEquals(quality.length, 9);
  assert(quality.every((r) => r.threads === 1), "side-by-side workers run one thread each");
  assertEquals(new Set(quality.map((r) => r.runner)).size, 2);
  assert(!runners.overlapWithTimed, "a latency cell overlapped another cell");
  // Each worker finishes the model it has loaded before it takes another.
  const switches = [1, 2].map((w) => {
    const models = quality.filter((r) => r.runner === w).map((r) =>
      cells.find((c) => c.key === r.key)!.spec.model.id
    );
    return models.filter((m, i) => i > 0 && m !== models[i - 1]).length;
  });
  assert(switches.every((n) => n <= 2), `workers switched models ${switches} times`);
  const latency = runners.ran.filter((r) => !quality.includes(r));
  assert(
    latency.every((r) => r.threads === undefined),
    "latency cells run on the target's threads",
  );
});

Deno.test("two runs on one store with claims: every cell runs exactly once, nothing lost", async () => {
  const cells = plan(["a", "b"], ["qa", "write"]);
  const store = new FakeStore();
  const runners = new FakeRunners();
  const dir = await Deno.makeTempDir();
  // Owners on other hosts always count as alive: the two runs stand for two live evals.
  const owner = (pid: number): Owner => ({
    pid,
    host: `elsewhere-${pid}`,
    id: `${pid}-x`,
    startedAt: new Date().toISOString(),
  });
  const [a, b] = await Promise.all([
    runPlan(cells, options(store, runners, "run-a", { claims: new Claims(dir, owner(1)) })),
    runPlan(cells, options(store, runners, "run-b", { claims: new Claims(dir, owner(2)) })),
  ]);
  const counts = new Map<string, number>();
  for (const r of runners.ran) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
  assertEquals([...counts.keys()].sort(), cells.map((c) => c.key).sort());
  for (const [key, n] of counts) assertEquals(n, 1, `cell ${key} ran ${n} times`);
  assertEquals(a.ok + b.ok, cells.length);
  assertEquals(a.skipped + b.skipped, cells.length);
  assertEquals(store.records.length, cells.length);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a claim of a dead owner is taken over; a live one is not", async () => {
  const dir = await Deno.makeTempDir();
  const root = `${dir}/locks`;
  Deno.env.set("TMPDIR", dir);
  // An owner whose process died: its lock file was never held (or the kernel dropped it).
  const dead = thisOwner();
  Deno.mkdirSync(`${root}/owners`, { recursive: true });
  Deno.writeTextFileSync(`${root}/owners/${dead.id}.lock`, "");
  const other = thisOwner();
  const release = holdOwner(other, root);
  assertEquals([ownerAlive(dead, root), ownerAlive(other, root)], [false, true]);
  assertEquals(liveOwnerIds(root), [other.id]);
  release();
  assertEquals(ownerAlive(other, root), false);
  Deno.env.delete("TMPDIR");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("claims: a dead owner's claim is taken over, a live one's is not", async () => {
  const dir = await Deno.makeTempDir();
  const dead = thisOwner();
  await Deno.mkdir(`${dir}/.claims`);
  await Deno.writeTextFile(`${dir}/.claims/k1.json`, JSON.stringify(dead));
  const live: Owner = { ...dead, id: "1-live", host: "elsewhere" };
  await Deno.writeTextFile(`${dir}/.claims/k2.json`, JSON.stringify(live));
  const mine = new Claims(dir, thisOwner());
  assertEquals(await mine.claim("k1"), null);
  assertEquals((await mine.claim("k2"))?.host, "elsewhere");
  mine.releaseAllSync();
  assertEquals([...Deno.readDirSync(`${dir}/.claims`)].map((e) => e.name).sort(), [
    ".lock",
    "k2.json",
  ]);
  await Deno.remove(dir, { recursive: true });
});
