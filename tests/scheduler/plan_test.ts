import { assert, assertEquals, assertThrows } from "../results/_assert.ts";
import { ConfigError } from "../../src/core/errors.ts";
import type { Target } from "../../src/core/target.ts";
import { buildPlan, type PlanInput } from "../../src/scheduler/plan.ts";
import { referenceModel } from "../../src/scheduler/prepare.ts";
import { profilesOf } from "../../src/scheduler/settings.ts";
import { DEFAULT_SETTINGS } from "../../src/core/run_settings.ts";
import { selectIds } from "../../src/scheduler/select.ts";
import { sha256Text } from "../../src/results/mod.ts";
import { makeCell } from "../results/_fixtures.ts";
import type { TaskDef } from "../../src/core/task.ts";

const cell = makeCell();
const target = (id: string): Target => ({
  id,
  label: id,
  device: "cpu",
  providers: [{ name: "cpu" }],
  session: { intraOpNumThreads: id === "cpu-1t" ? 1 : 0 },
});

function input(profiles: PlanInput["profiles"]): PlanInput {
  const model = (id: string) => ({
    entry: { id, dir: `/m/${id}`, info: { ...cell.model, id } },
    info: { ...cell.model, id, sha256: sha256Text(id) },
  });
  const task = (id: string) => ({
    task: { id, generation: { maxNewTokens: 16, stop: [] } } as unknown as TaskDef,
    info: { ...cell.task!, id },
    dir: "/tasks",
  });
  return {
    models: [model("a"), model("b")],
    tasks: [task("qa"), task("write"), task("translate")],
    targets: [target("cpu"), target("cpu-1t")],
    profiles,
    settings: DEFAULT_SETTINGS,
    environment: cell.environment,
    datasetsDir: "/datasets",
  };
}

Deno.test("quality runs once per model and task on the first target; latency on every target", () => {
  const plan = buildPlan(input(profilesOf("default")));
  const quality = plan.filter((c) => c.spec.settings.profile === "quality");
  const latency = plan.filter((c) => c.spec.settings.profile === "latency");
  assertEquals(quality.length, 2 * 3);
  assert(quality.every((c) => c.spec.target.id === "cpu"));
  assertEquals(latency.length, 2 * 3 * 2);
  assert(latency.every((c) => c.spec.settings.batchSize === 1));
  assertEquals(new Set(plan.map((c) => c.key)).size, plan.length);
});

Deno.test("the sweep is planned per model and target, without a task", () => {
  const plan = buildPlan(input(profilesOf("sweep")));
  assertEquals(plan.length, 2 * 2);
  assert(plan.every((c) => c.spec.task === null && c.spec.settings.sweep !== undefined));
  assertEquals(buildPlan(input(profilesOf("all"))).length, 6 + 12 + 4);
});

Deno.test("plans are deterministic: the same inputs give the same keys", () => {
  const a = buildPlan(input(profilesOf("all"))).map((c) => c.key);
  const b = buildPlan(input(profilesOf("all"))).map((c) => c.key);
  assertEquals(a, b);
  const other = { ...input(profilesOf("all")), settings: { ...DEFAULT_SETTINGS, limit: 7 } };
  const c = buildPlan(other).map((x) => x.key);
  // Only quality cells depend on --limit.
  assertEquals(a.filter((k) => !c.includes(k)).length, 6);
});

Deno.test("selectIds takes ids and globs, keeps the registry order, and names a bad flag", () => {
  const ids = ["eb-dec-base", "eb-ed23-base", "eb-ed23-kd", "eb-teacher"];
  assertEquals(selectIds(ids, undefined, "--models"), ids);
  assertEquals(selectIds(ids, ["eb-ed23-*", "eb-dec-base"], "--models"), [
    "eb-dec-base",
    "eb-ed23-base",
    "eb-ed23-kd",
  ]);
  const err = assertThrows(() => selectIds(ids, ["nope*"], "--models"), ConfigError);
  assert(err.message.includes('field "--models" = "nope*"'), err.message);
});

Deno.test("reference systems get quality cells only, on the tasks they answer", () => {
  const base = input(profilesOf("all"));
  const family = (id: string) => id === "qa" ? "qa" : id === "write" ? "writing" : "translation";
  const tasks = base.tasks.map((t) => ({
    ...t,
    task: { ...t.task, family: family(t.task.id) } as TaskDef,
  }));
  const plan = buildPlan({
    ...base,
    tasks,
    models: [...base.models, referenceModel("ref-copy"), referenceModel("ref-unanswerable")],
  });
  const refs = plan.filter((c) => c.spec.model.role === "reference");
  assertEquals(refs.map((c) => c.label), [
    "ref-copy / qa / cpu [quality]",
    "ref-copy / write / cpu [quality]",
    "ref-copy / translate / cpu [quality]",
    "ref-unanswerable / qa / cpu [quality]",
  ]);
  assertEquals(plan.length - refs.length, 6 + 12 + 4);
  // A reference's key names its rules, not a model folder.
  assert(refs.every((c) => c.spec.modelDir === ""));
  assertEquals(referenceModel("ref-copy").info.sha256, sha256Text("reference:ref-copy@1"));
});
