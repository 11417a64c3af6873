/**
 * `deno task eval --shapes`: the real CLI, cell subprocesses and engine time shape-like models
 * (two zoo models without their tokenizers, built into the fixture catalog's `shapes/` folder)
 * and write role-`shape` records: efficiency at exactly N new tokens, no quality, no task, one
 * cell per grid point; the report shows them in no quality or latency table. Bad shape flags
 * are one error line, exit 2, nothing written.
 */
import { assert, assertEquals } from "../results/_assert.ts";
import { readStore } from "../../src/results/mod.ts";
import { selectLatest } from "../../src/report/select.ts";
import { loadShapeCatalog } from "../../src/catalog/mod.ts";
import { fakeBuild, ROOT, shapeFixture } from "../catalog/_shapes.ts";
import { denoCommand } from "./_run.ts";

interface Box {
  readonly out: string;
  readonly tmp: string;
}

async function sandbox(): Promise<Box> {
  const base = await Deno.makeTempDir({ prefix: "eval-shapes-test-" });
  await Deno.mkdir(`${base}/tmp`);
  return { out: `${base}/results`, tmp: `${base}/tmp` };
}

/** `eval ARGS` granted as `deno task eval` grants it (its --out and its temp folder). */
async function runEval(args: readonly string[], box: Box) {
  const out = await denoCommand([
    "run",
    "--quiet",
    "--no-prompt",
    "--allow-read",
    `--allow-write=${box.out},${box.tmp}/encoder-bench-${Deno.uid()}`,
    "--allow-run=deno",
    "--allow-env",
    "--allow-ffi",
    "--allow-sys",
    `${ROOT}/src/cli/eval.ts`,
    "--out",
    box.out,
    ...args,
  ], { env: { TMPDIR: box.tmp, CI: "1" } }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("eval --shapes writes role-shape records: efficiency at fixed length, no quality", async () => {
  const file = await shapeFixture();
  const catalog = await loadShapeCatalog(file);
  await fakeBuild(catalog, "tiny-dec", "eb-dec-base");
  await fakeBuild(catalog, "tiny-ed", "eb-ed12-base");
  const box = await sandbox();
  const r = await runEval([
    "--shapes-catalog",
    file,
    "--shapes",
    "tiny-*",
    "--shape-inputs",
    "16",
    "--shape-new-tokens",
    "5",
    "--shape-cache",
    "on,off",
    "--shape-batch",
    "1,2",
    "--targets",
    "cpu-1t",
  ], box);
  assertEquals(r.code, 0, r.stdout + r.stderr);
  const { cells, warnings } = await readStore(box.out, { strict: true });
  assertEquals(warnings, []);
  assertEquals(cells.length, 2 * 4);
  assertEquals(new Set(cells.map((c) => c.cellKey)).size, cells.length);
  const points = cells.map((c) =>
    `${c.model.id} ${c.settings.inputTokens}+${c.settings.maxNewTokens} ${c.settings.kvCache} ${c.settings.batchSize}`
  ).sort();
  assertEquals(points, [
    "tiny-dec 16+5 false 1",
    "tiny-dec 16+5 false 2",
    "tiny-dec 16+5 true 1",
    "tiny-dec 16+5 true 2",
    "tiny-ed 16+5 false 1",
    "tiny-ed 16+5 false 2",
    "tiny-ed 16+5 true 1",
    "tiny-ed 16+5 true 2",
  ]);
  for (const c of cells) {
    assertEquals([c.status, c.model.role, c.settings.profile], ["ok", "shape", "shape"]);
    assertEquals([c.task, c.quality, c.sweep], [null, null, null]);
    assertEquals(c.model.params.total, 1750000);
    const e = c.efficiency!;
    // Exactly N tokens from every row of every timed run, whatever EOS the model emits.
    assertEquals([e.outputTokens.min, e.outputTokens.max, e.inputTokens.mean], [5, 5, 16]);
    assert(e.ttftMs.n >= 3 * c.settings.batchSize, `${e.ttftMs.n} rows timed`);
    assert((e.generatedTokensPerS ?? 0) > 0 && e.decodeTokensPerS.mean > 0);
    assert(e.energy !== undefined && e.outputDigests?.length === 1);
  }
  // The same model and input: cache on and off give the same greedy tokens.
  for (const id of ["tiny-dec", "tiny-ed"]) {
    const digests = cells.filter((c) => c.model.id === id).map((c) =>
      c.efficiency!.outputDigests![0]
    );
    assertEquals(new Set(digests).size, 1, id);
  }
  const shown = selectLatest(cells);
  assertEquals([shown.quality.size, shown.latency.size, shown.sweep.size], [0, 0, 0]);
  // Resumed: every cell is in the store, nothing runs again.
  const again = await runEval([
    "--shapes-catalog",
    file,
    "--shapes",
    "tiny-*",
    "--shape-inputs",
    "16",
    "--shape-new-tokens",
    "5",
    "--shape-cache",
    "on,off",
    "--shape-batch",
    "1,2",
    "--targets",
    "cpu-1t",
  ], box);
  assertEquals(again.code, 0, again.stderr);
  assertEquals((await readStore(box.out)).cells.length, cells.length);
});

Deno.test("eval: bad shape flags are one error line, exit 2, nothing written", async () => {
  const file = await shapeFixture();
  const box = await sandbox();
  const cases: [string[], string][] = [
    [["--shapes-catalog", file, "--shapes", "mu"], "tiny-dec, tiny-ed"],
    [
      ["--shapes-catalog", file, "--shapes", "tiny-dec"],
      "is not built: run deno task shapes build tiny-dec",
    ],
    [["--shape-inputs", "64"], "--shape-inputs needs --shapes"],
    [["--shapes", "x", "--shape-sweep", "--shape-batch", "1"], "--shape-sweep is the whole grid"],
    [["--shapes", "x", "--shape-cache", "maybe"], "--shape-cache"],
    [["--shapes", "x", "--shape-inputs", "0"], "--shape-inputs"],
  ];
  for (const [args, part] of cases) {
    const r = await runEval(args, box);
    assertEquals(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    const lines = r.stderr.trim().split("\n");
    assertEquals(lines.length, 1, r.stderr);
    assert(lines[0]!.startsWith("error: ") && lines[0]!.includes(part), lines[0]);
  }
  assertEquals([...Deno.readDirSync(box.tmp)], []);
});
