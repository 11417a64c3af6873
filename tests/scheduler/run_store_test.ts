/**
 * `runPlan` on a real store folder: it reads the store once, then before each cell only what
 * was appended (a line changed in place after the start is never read again), and still sees
 * a cell another eval recorded meanwhile.
 */
import { assertEquals } from "../results/_assert.ts";
import type { CellRecord } from "../../src/core/record.ts";
import type { Target } from "../../src/core/target.ts";
import type { TaskDef } from "../../src/core/task.ts";
import type { AttemptResult, CellRunner } from "../../src/scheduler/child.ts";
import { buildPlan } from "../../src/scheduler/plan.ts";
import { runPlan } from "../../src/scheduler/run.ts";
import { DEFAULT_SETTINGS } from "../../src/core/run_settings.ts";
import type { CellSpec } from "../../src/scheduler/spec.ts";
import { RunWriter, sha256Text } from "../../src/results/mod.ts";
import { makeCell } from "../results/_fixtures.ts";

const base = makeCell();
const OTHER = "20261128T120000Z-other-aaaaaa";

Deno.test("runPlan reads the store once, then only what was appended before each cell", async () => {
  const dir = await Deno.makeTempDir();
  const target: Target = {
    id: "cpu",
    label: "cpu",
    device: "cpu",
    providers: [{ name: "cpu" }],
    session: { intraOpNumThreads: 0 },
  };
  const plan = buildPlan({
    models: ["m1", "m2", "m3"].map((id) => ({
      entry: { id, dir: `/m/${id}`, info: { ...base.model, id } },
      info: { ...base.model, id, sha256: sha256Text(id) },
    })),
    tasks: [{
      task: { id: "t", generation: { maxNewTokens: 16, stop: [] } } as unknown as TaskDef,
      info: { ...base.task!, id: "t" },
      dir: "/tasks",
    }],
    targets: [target],
    profiles: ["quality"],
    settings: DEFAULT_SETTINGS,
    environment: base.environment,
    datasetsDir: "/datasets",
  });
  assertEquals(plan.length, 3);
  // Another eval's file: one unrelated record, then (while the first cell runs) the last cell.
  const other = `${dir}/${OTHER}.jsonl`;
  const record = (cellKey: string): string =>
    JSON.stringify({ ...base, runId: OTHER, cellKey } satisfies CellRecord) + "\n";
  await Deno.writeTextFile(other, record(sha256Text("unrelated")));
  const ran: string[] = [];
  const runner: CellRunner = {
    run: async (spec: CellSpec): Promise<AttemptResult> => {
      if (ran.length === 0) {
        // The first line changed in place (same size): a reader that reads it again warns.
        const text = await Deno.readTextFile(other);
        const end = text.indexOf("\n");
        await Deno.writeTextFile(other, "{" + " ".repeat(end - 1) + text.slice(end));
        await Deno.writeTextFile(other, record(plan[2]!.key), { append: true });
      }
      ran.push(spec.key);
      return {
        ok: true,
        outcome: {
          model: spec.model,
          quality: base.quality,
          efficiency: base.efficiency,
          sweep: null,
          samples: [],
        },
      };
    },
    close: () => Promise.resolve(),
  };
  const warnings: string[] = [];
  const summary = await runPlan(plan, {
    store: dir,
    writer: new RunWriter(dir, "20261128T130000Z-this-bbbbbb"),
    environment: base.environment,
    tmpDir: dir,
    timeoutS: 10,
    retries: 0,
    fresh: false,
    onEvent: () => {},
    onWarning: (m) => warnings.push(m),
    newRunner: () => runner,
  });
  assertEquals(warnings, []);
  assertEquals(ran, [plan[0]!.key, plan[1]!.key]);
  assertEquals({ ok: summary.ok, skipped: summary.skipped }, { ok: 2, skipped: 1 });
});
