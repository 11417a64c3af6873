import { assert, assertEquals } from "../results/_assert.ts";
import { RunWriter, sha256Text } from "../../src/results/mod.ts";
import { shapeCell } from "../report/_records.ts";
import { ROOT, runCli } from "./_run.ts";
import { writeStore } from "./_store.ts";

Deno.test("deno task report prints quality with CIs, efficiency per target and measured ratios", async () => {
  const results = await Deno.makeTempDir();
  await writeStore(results);
  const r = await runCli("report", ["--allow-read"], ["--results", results]);
  assertEquals(r.code, 0, r.stderr);
  for (const id of ["ed", "dec", "ed-kd"]) {
    assert(new RegExp(`^\\S+\\s+${id}\\s`, "m").test(r.stdout), id);
  }
  assert(r.stdout.includes("50.0 [40.0, 60.0]"), r.stdout);
  assert(r.stdout.includes("cpu TTFT ms") && r.stdout.includes("cpu-1t TTFT ms"), r.stdout);
  assert(/Encoder-decoder against decoder-only[\s\S]*cpu-1t\s+ed\s/.test(r.stdout), r.stdout);
  assert(/ed-kd\s+ed\s+squad/.test(r.stdout), r.stdout);
  // No shape cell, no section.
  assert(!r.stdout.includes("real sizes"), r.stdout);
});

Deno.test("deno task report: shape cells add the ratios at real sizes beside the paper's", async () => {
  const results = await Deno.makeTempDir();
  await writeStore(results);
  const runId = "20261129T120000Z-host-bbbbbb";
  const writer = new RunWriter(results, runId);
  const cells = [
    shapeCell("mu", { arch: "encoder-decoder", ttft: 800, tps: 40, sd: 20, n: 4 }),
    shapeCell("mu-twin", { arch: "decoder-only", ttft: 1000, tps: 10, sd: 10, n: 3 }),
    shapeCell("mu", { arch: "encoder-decoder", ttft: 90, tps: 40, target: "cuda", device: "gpu" }),
    shapeCell("mu-twin", {
      arch: "decoder-only",
      ttft: 100,
      tps: 10,
      target: "cuda",
      device: "gpu",
    }),
  ];
  for (const [i, c] of cells.entries()) {
    await writer.writeCell({ ...c, runId, cellKey: sha256Text(`shape-${i}`) }, []);
  }
  const r = await runCli("report", ["--allow-read"], ["--results", results]);
  assertEquals(r.code, 0, r.stderr);
  const section = r.stdout.slice(r.stdout.indexOf("Efficiency at real sizes"));
  assert(section.startsWith("Efficiency at real sizes"), r.stdout);
  const rows = section.split("\n").filter((l) => /\bmu-twin\b/.test(l));
  assertEquals(rows.length, 2, section);
  // cpu: 800/1000 with its interval, beside the paper's CPU figures (0.71x, 3.8x).
  assert(
    /^cpu\s+mu\s+mu-twin\s+fp32\s+1\s+on\s+64\+32\s+0\.80x \[0\.7\d, 0\.8\d\]\s+4\.00x \[/.test(
      rows[0]!,
    ),
    rows[0],
  );
  assert(/0\.71x\s+3\.8x\s+4\/3$/.test(rows[0]!), rows[0]);
  // cuda (a GPU): the paper's GPU figures, never the CPU or NPU ones.
  assert(/^cuda\s.*0\.90x \[0\.90, 0\.90\].*\s0\.58x\s+3\.9x\s+3\/3$/.test(rows[1]!), rows[1]);
  // The shapes stay off the quality board.
  assert(!/^\S+\s+mu\s/m.test(r.stdout.slice(0, r.stdout.indexOf("Efficiency:"))), r.stdout);
});

Deno.test("deno task report: an empty store is a one-line error with exit code 2", async () => {
  const empty = await Deno.makeTempDir();
  const r = await runCli("report", ["--allow-read"], ["--results", empty]);
  assertEquals(r.code, 2);
  assertEquals(r.stderr.trim().split("\n").length, 1);
});

Deno.test("eval, merge, export and report need no network permission", async () => {
  const tasks = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.json`)).tasks as Record<
    string,
    string
  >;
  for (const name of ["eval", "list", "merge", "export", "report"]) {
    const cmd = tasks[name] ?? "";
    assert(cmd.includes(`src/cli/${name}.ts`), name);
    assert(!/--allow-net|--allow-all|\s-A\b/.test(cmd), `${name}: ${cmd}`);
  }
  assert(tasks.eval!.includes("--allow-write=@out,@temp"), tasks.eval);
});
