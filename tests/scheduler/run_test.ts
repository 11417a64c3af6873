/**
 * `runPlan` with a fake store (records kept in memory) and a fake cell runner:
 * resume, retries, claims shared by two runs, device exclusivity of the latency
 * cells, the quality pool and worker reuse, without processes or models.
 */
import { assert, assertEquals, assertRejects } from "../results/_assert.ts";
import { waitForLine } from "../locks/_lock_holder.ts";
import type { CellRecord, SampleRecord } from "../../src/core/record.ts";
import type { Target } from "../../src/core/target.ts";
import type { TaskDef } from "../../src/core/task.ts";
import type { AttemptResult, CellRunner } from "../../src/scheduler/child.ts";
import { LockTimeoutError } from "../../src/core/errors.ts";
import { acquireLock } from "../../src/locks/mod.ts";
import { Claims } from "../../src/scheduler/claims.ts";
import { Machine } from "../../src/scheduler/machine.ts";
import { holdOwnerFile, type Owner, ownerState, thisOwner } from "../../src/scheduler/owner.ts";
import { buildPlan, type PlannedCell } from "../../src/scheduler/plan.ts";
import { runPlan, type RunPlanOptions } from "../../src/scheduler/run.ts";
import { profilesOf } from "../../src/scheduler/settings.ts";
import { DEFAULT_SETTINGS } from "../../src/core/run_settings.ts";
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
  // Two owners in this process, each holding its claims' files locked: two live evals.
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

Deno.test("owner files: live while their writer holds them, dead once it lets go, whatever the host", async () => {
  const dir = await Deno.makeTempDir();
  // An owner file whose process died: in place, but no one holds its lock.
  const dead: Owner = { ...thisOwner(), host: "elsewhere" };
  Deno.writeTextFileSync(`${dir}/dead.json`, JSON.stringify(dead));
  const held = holdOwnerFile(`${dir}/live.json`, { ...thisOwner(), host: "elsewhere" });
  assertEquals(ownerState(`${dir}/dead.json`), { state: "dead" });
  const live = ownerState(`${dir}/live.json`);
  assertEquals(live.state === "live" && live.owner?.host, "elsewhere");
  assertEquals(ownerState(`${dir}/none.json`), { state: "missing" });
  held.release();
  held.release();
  assertEquals(ownerState(`${dir}/live.json`), { state: "missing" });
  // Nothing but the dead owner's file is left: no temporary file of the live one.
  assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["dead.json"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("claims: a dead owner's claim is taken over even from another host, a live one's is not", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/.claims`);
  // A claim left by an eval on a host of another name (a container restart): nothing holds it.
  const dead: Owner = { ...thisOwner(), host: "elsewhere" };
  await Deno.writeTextFile(`${dir}/.claims/k1.json`, JSON.stringify(dead));
  const other = new Claims(dir, { ...thisOwner(), host: "other" });
  assertEquals(await other.claim("k2"), null);
  const mine = new Claims(dir, thisOwner());
  assertEquals(await mine.claim("k1"), null);
  assertEquals((await mine.claim("k2"))?.host, "other");
  assertEquals((await mine.holder("k2"))?.host, "other");
  assertEquals(await mine.holder("k1"), null, "its own claim is no other's");
  mine.releaseAllSync();
  assertEquals([...Deno.readDirSync(`${dir}/.claims`)].map((e) => e.name).sort(), [
    ".lock",
    "k2.json",
  ]);
  other.releaseAllSync();
  assertEquals(await mine.holder("k2"), null);
  await Deno.remove(dir, { recursive: true });
});

const HOLDER = new URL("./_claim_holder.ts", import.meta.url).pathname;

/**
 * How to start a claim owner under another host name: in a UTS namespace of its own
 * (`unshare -u`, root or user namespaces), else with the host name faked in its claim.
 */
const hostChange: Promise<{ unshare: boolean; why: string }> = (async () => {
  try {
    const probe = await new Deno.Command("unshare", {
      args: ["-u", "sh", "-c", "hostname eb-other-host && hostname"],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const name = new TextDecoder().decode(probe.stdout).trim();
    if (probe.success && name === "eb-other-host") return { unshare: true, why: "" };
    return { unshare: false, why: new TextDecoder().decode(probe.stderr).trim() };
  } catch (err) {
    return { unshare: false, why: (err as Error).message };
  }
})();

/** Starts a claim owner of `key` in `store` under the host name eb-other-host. */
async function claimOwner(
  store: string,
  key: string,
  mode: "die" | "hold",
): Promise<{ child: Deno.ChildProcess; owner: Owner }> {
  const how = await hostChange;
  if (!how.unshare) console.log(`no UTS namespace (${how.why}): the host name is faked`);
  const deno = [
    Deno.execPath(),
    "run",
    "--quiet",
    "--allow-read",
    `--allow-write=${store}`,
    "--allow-sys=hostname",
    HOLDER,
    store,
    key,
    mode,
  ];
  const [cmd, ...args] = how.unshare
    ? ["unshare", "-u", "sh", "-c", 'hostname eb-other-host && exec "$@"', "sh", ...deno]
    : [...deno, "eb-other-host"];
  const child = new Deno.Command(cmd!, { args, stdin: "piped", stdout: "piped" }).spawn();
  const seen = await waitForLine(child, "\n", "claim owner");
  const owner = (JSON.parse(seen) as { claimed: Owner }).claimed;
  assertEquals(owner.host, "eb-other-host");
  assert(owner.host !== Deno.hostname());
  return { child, owner };
}

/** `promise`, or a rejection naming `what` after `ms` (a hang fails the test). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not end in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

Deno.test("a claim left by a dead eval under another host name is taken over and the cell runs", async () => {
  const dir = await Deno.makeTempDir();
  const cells = plan(["a"], ["qa"]);
  const { child, owner } = await claimOwner(dir, cells[0]!.key, "die");
  await child.status;
  await child.stdout.cancel().catch(() => {});
  // The claim file is still there, naming the dead owner on the other host.
  const left = JSON.parse(await Deno.readTextFile(`${dir}/.claims/${cells[0]!.key}.json`));
  assertEquals([left.pid, left.host], [owner.pid, "eb-other-host"]);
  const store = new FakeStore();
  const runners = new FakeRunners();
  const summary = await within(
    runPlan(cells, options(store, runners, "run-1", { claims: new Claims(dir, thisOwner()) })),
    30_000,
    "the rerun",
  );
  assertEquals([summary.ok, summary.skipped], [cells.length, 0]);
  assertEquals(runners.ran.map((r) => r.key).sort(), cells.map((c) => c.key).sort());
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a cell a live eval under another host name holds is waited for, its holder named, not taken", async () => {
  const dir = await Deno.makeTempDir();
  const cells = plan(["a"], ["qa"]);
  const held = cells[0]!.key;
  const { child, owner } = await claimOwner(dir, held, "hold");
  const warnings: string[] = [];
  const store = new FakeStore();
  const runners = new FakeRunners();
  const run = runPlan(
    cells,
    options(store, runners, "run-1", {
      claims: new Claims(dir, thisOwner()),
      noticeAfterMs: 50,
      noticeEveryMs: 50,
      onWarning: (m) => warnings.push(m),
    }),
  );
  try {
    await within(
      (async () => {
        while (warnings.length < 2) await new Promise((r) => setTimeout(r, 20));
      })(),
      30_000,
      "the waiting notices",
    );
    const label = cells[0]!.label;
    assert(
      warnings[0]!.includes(label) &&
        warnings[0]!.includes(`pid ${owner.pid} on host eb-other-host since ${owner.startedAt}`),
      warnings[0],
    );
    assert(!runners.ran.some((r) => r.key === held), "the held cell was taken from a live eval");
  } finally {
    child.stdin.close();
    await child.status;
    await child.stdout.cancel().catch(() => {});
  }
  // Its owner gone (claim file left behind), the cell is taken over and runs once.
  const summary = await within(run, 30_000, "the run after the holder ended");
  assertEquals(summary.ok, cells.length);
  assertEquals(runners.ran.filter((r) => r.key === held).length, 1);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a device lock wait past --lock-timeout stops the run: it rejects, records nothing, keeps no claim", async () => {
  const dir = await Deno.makeTempDir();
  const owner = thisOwner();
  const machine = new Machine(owner, { root: `${dir}/temp`, lockTimeoutMs: 300 });
  // Another holder of the device (a second open file: flocks conflict within a process too).
  const other = await acquireLock(machine.deviceLockPath("cpu"), { exclusive: true, what: "test" });
  const cells = plan(["a", "b"], ["qa"]).filter((c) => c.spec.settings.profile === "latency");
  const store = new FakeStore();
  const runners = new FakeRunners();
  const err = await assertRejects(
    () =>
      runPlan(
        cells,
        options(store, runners, "run-1", { machine, claims: new Claims(`${dir}/store`, owner) }),
      ),
    LockTimeoutError,
  );
  assert(
    err.message.includes(`pid ${Deno.pid}`) && err.message.includes("device cpu"),
    err.message,
  );
  assertEquals([store.records, runners.ran], [[], []]);
  assertEquals([...Deno.readDirSync(`${dir}/store/.claims`)].map((e) => e.name), [".lock"]);
  other.release();
  await Deno.remove(dir, { recursive: true });
});
