import { assertEquals } from "../../report/_assert.ts";
import { reproduceCommand } from "../../../src/site/pages/cell.tsx";
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
