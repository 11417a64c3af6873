/**
 * The `webgpu` target on a Linux machine without a GPU: `scripts/swiftshader.sh`
 * points onnxruntime-node's WebGPU provider (Dawn) at SwiftShader, the CPU
 * Vulkan driver of Debian's chromium package. One real webgpu cell runs end to
 * end through `deno task eval` and its greedy tokens must equal the cpu cell's.
 */
import { assert, assertEquals } from "../results/_assert.ts";
import { readSamplesOf, readStore } from "../../src/results/mod.ts";
import { buildReport } from "../../src/report/mod.ts";
import { hasChromium, inCI } from "../_browser.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

Deno.test({
  name: "webgpu through SwiftShader: eval cells give the cpu cells' greedy tokens",
  ignore: Deno.build.os !== "linux" || (!hasChromium && !inCI),
}, async () => {
  // a folder of its own, not under leaderboard/results, which the tests beside this one read
  const out = await Deno.makeTempDir({ prefix: "webgpu-test-" });
  try {
    // The quality pass runs on the first target only: one run per target; then the latency
    // pass on both targets in one run.
    let log = "";
    const runs: [string, string][] = [["cpu", "quality"], ["webgpu", "quality"], [
      "cpu,webgpu",
      "latency",
    ]];
    for (const [target, profile] of runs) {
      const res = await new Deno.Command("bash", {
        args: [
          `${ROOT}/scripts/swiftshader.sh`,
          Deno.execPath(),
          "task",
          "--quiet",
          "eval",
          "--models",
          "eb-ed23-base",
          "--tasks",
          "translate",
          "--targets",
          target,
          "--profile",
          profile,
          "--limit",
          "3",
          "--out",
          out,
        ],
        cwd: ROOT,
        env: { NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const dec = new TextDecoder();
      log += dec.decode(res.stdout) + dec.decode(res.stderr);
      assertEquals(res.code, 0, log);
    }
    const store = await readStore(out, { strict: true });
    const byTarget = new Map(
      store.cells.filter((c) => c.settings.profile === "quality").map((c) => [c.target.id, c]),
    );
    const cpu = byTarget.get("cpu");
    const gpu = byTarget.get("webgpu");
    assertEquals(cpu?.status, "ok", log);
    assertEquals(gpu?.status, "ok", JSON.stringify(gpu?.error));
    const samples = await readSamplesOf(out, store.cells, { strict: true });
    const tokens = (key: string) =>
      (samples.get(key) ?? []).map((
        s,
      ) => [s.sampleId, s.rawPrediction ?? s.prediction, s.outputTokens]);
    const a = tokens(cpu!.cellKey);
    assertEquals(a.length, 3);
    assert(a.every(([, text]) => String(text).length > 0), "empty predictions");
    assertEquals(tokens(gpu!.cellKey), a);
    // The latency cells' greedy tokens agree too: webgpu's equal cpu's on every latency sample.
    const agreement = buildReport(store.cells, { generatedAt: "x" }).agreement;
    assertEquals(
      agreement.map((x) => [x.targetId, x.referenceTargetId, x.matched, x.of]),
      [["webgpu", "cpu", 3, 3]],
      log,
    );
  } finally {
    await Deno.remove(out, { recursive: true }).catch(() => {});
  }
});

Deno.test("swiftshader.sh: a missing ICD file is a one-line error with exit 2", async () => {
  const res = await new Deno.Command("bash", {
    args: [`${ROOT}/scripts/swiftshader.sh`, "true"],
    env: { SWIFTSHADER_ICD: "/nonexistent/vk_swiftshader_icd.json" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(res.code, 2);
  const err = new TextDecoder().decode(res.stderr).trim();
  assertEquals(err.split("\n").length, 1);
  assert(err.includes("vk_swiftshader_icd.json"), err);
});
