import { assertEquals } from "../../report/_assert.ts";
import { CellPage, reproduceCommand } from "../../../src/site/pages/cell.tsx";
import { latency, model, quality } from "../../report/_records.ts";
import { slug } from "../../../src/site/slug.ts";
import type { CellRecord } from "../../../src/report/mod.ts";

function cell(modelId: string, limit: number | null): CellRecord {
  return {
    model: { id: modelId },
    task: { id: "qa" },
    target: { id: "cpu-1t" },
    settings: { profile: "quality", limit, batchSize: 8 },
  } as unknown as CellRecord;
}

Deno.test("reproduceCommand names the model, task, target, profile, limit and batch size", () => {
  assertEquals(
    reproduceCommand(cell("eb-ed23-kd", 40)),
    "deno task eval --models eb-ed23-kd --tasks qa --targets cpu-1t --profile quality " +
      "--limit 40 --batch-size 8 --fresh --out my-results",
  );
  // A whole split is --limit 0.
  assertEquals(reproduceCommand(cell("m", null)).includes("--limit 0 "), true);
});

Deno.test("reproduceCommand quotes a hostile id for the shell", () => {
  const cmd = reproduceCommand(cell("x'; rm -rf / #", 1));
  assertEquals(cmd.split(" --tasks")[0], `deno task eval --models 'x'\\''; rm -rf / #'`);
});

Deno.test("cell page: an unread peak RSS shows the missing mark without a unit", async () => {
  const measured = latency(model("a"), { ttft: 10, tps: 10, rss: 244 });
  const unread = latency(model("a"), { ttft: 10, tps: 10, target: "browser-wasm", rss: null });
  const note = async (c: CellRecord) =>
    /Load [^<]*warm-up runs/.exec(String(await CellPage({ cell: c, samples: 0 })))?.[0];
  assertEquals(await note(measured), "Load 1.0 ms · peak RSS 244 MiB · 1 warm-up runs");
  assertEquals(await note(unread), "Load 1.0 ms · peak RSS \u2014 · 1 warm-up runs");
});

Deno.test("cell page: the instances compare with the task's other cells, never the cell itself", async () => {
  const own = quality(model("a"), "qa", { value: 60 });
  const other = quality(model("b"), "qa", { value: 50 });
  const peers = [own, other].map((c) => ({
    cellKey: c.cellKey,
    modelId: c.model.id,
    target: c.target.id,
  }));
  const html = String(await CellPage({ cell: own, samples: 3, peers }));
  const options = [...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
  assertEquals(options, ["", slug(other.cellKey)]);
  // Alone on its task, the cell offers no comparison.
  const alone = String(await CellPage({ cell: own, samples: 3, peers: peers.slice(0, 1) }));
  assertEquals(alone.includes("Compare with"), false);
});
