import { assert, assertEquals } from "../results/_assert.ts";
import type { Target } from "../../src/core/target.ts";
import type { TaskDef } from "../../src/core/task.ts";
import { Estimator, wallEstimate } from "../../src/scheduler/estimate.ts";
import { buildPlan } from "../../src/scheduler/plan.ts";
import { profilesOf } from "../../src/scheduler/settings.ts";
import { DEFAULT_SETTINGS } from "../../src/core/run_settings.ts";
import { sha256Text } from "../../src/results/mod.ts";
import { makeCell } from "../results/_fixtures.ts";

const base = makeCell();
const cpu: Target = {
  id: "cpu",
  label: "cpu",
  device: "cpu",
  providers: [{ name: "cpu" }],
  session: {},
};

function quality(limit: number | null) {
  const [cell] = buildPlan({
    models: [{
      entry: { id: "m", dir: "/m", info: base.model },
      info: { ...base.model, sha256: sha256Text("m") },
    }],
    tasks: [{
      task: { id: "qa", generation: { maxNewTokens: 16, stop: [] } } as unknown as TaskDef,
      info: base.task!,
      dir: "/tasks",
      samples: 500,
    }],
    targets: [cpu],
    profiles: profilesOf("quality"),
    settings: { ...DEFAULT_SETTINGS, limit },
    environment: base.environment,
    datasetsDir: "/d",
  });
  return cell!;
}

Deno.test("a whole-split quality cell is estimated from the time per sample of a 40-sample run", () => {
  const whole = quality(null);
  assertEquals(whole.splitSamples, 500);
  const past = makeCell({
    model: { ...base.model, id: whole.spec.model.id },
    task: whole.spec.task!.info,
    target: { ...base.target, id: "cpu" },
    settings: { ...base.settings, profile: "quality", limit: 40 },
    durationS: 1.5 + 40 * 0.2,
    quality: { ...base.quality!, n: 40 },
  });
  const est = new Estimator([past]);
  // 0.2 s per sample: 500 samples take about 100 s, not the 9.5 s of the 40-sample run.
  assert(Math.abs(est.estimate(whole) - (1.5 + 500 * 0.2)) < 1e-9, String(est.estimate(whole)));
  assert(Math.abs(est.estimate(quality(40)) - 9.5) < 1e-9);
  // Without history, the default scales with the split's size too.
  const fresh = new Estimator([]);
  assert(fresh.estimate(whole) > fresh.estimate(quality(40)));
});

Deno.test("the wall estimate runs quality cells on the workers side by side, latency after", () => {
  const q = quality(null);
  const lat = {
    ...q,
    key: "l",
    spec: { ...q.spec, settings: { ...q.spec.settings, profile: "latency" as const } },
  };
  const cells = [q, { ...q, key: "q2" }, { ...q, key: "q3" }, lat];
  const est = (c: typeof q) => (c.key === "l" ? 5 : 10);
  assertEquals(wallEstimate(cells, est, 1), 35);
  assertEquals(wallEstimate(cells, est, 2), 15 + 5);
  assertEquals(wallEstimate(cells, est, 8), 10 + 5);
});
