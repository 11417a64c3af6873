/**
 * The leaderboard build at scale, in two parts.
 *
 * 1. 10,000 synthetic cells (issue target: under 5 s), in the scheduler's grid: 48 models x 20
 *    tasks of quality cells (once per model and task), latency cells per model, task and target
 *    (9 targets), and a sweep per model and target: 960 + 8,640 + 432 = 10,032 cells, cloned
 *    from the shapes of the test fixtures with varied numbers, no samples. Measures the pure
 *    report reduction alone, then the whole `deno task site` path (read the store, reduce,
 *    render every page with toSSG, write, swap) into a temporary folder.
 * 2. A generated 100,000-record store with samples (`bench/_store_gen.ts`; `EB_BENCH_RECORDS`
 *    changes the size): `deno task report` and `deno task site` run as child processes, wall
 *    time and peak RSS (targets: report <= 5 s, site <= 1 GiB), and the built site's size per
 *    cell. `EB_BENCH_BASELINE=<folder of another checkout>` measures that one too, on the same
 *    store (it needs `deno install` and `deno task bundle` there). `EB_BENCH_SITE_SMALL=0`
 *    skips part 1.
 *
 * @module
 */
import type { CellRecord } from "../src/core/record.ts";
import { buildReport } from "../src/report/mod.ts";
import { buildSite } from "../src/site/build.ts";
import { generatedStore } from "./_store_gen.ts";
import { checkouts, loadAverage, measure, mib } from "./_measure.ts";

const FIXTURE = new URL(
  "../tests/fixtures/results/20261127T090000Z-fixture-run-2.jsonl",
  import.meta.url,
);

function synthetic(
  templates: CellRecord[],
  n: { models: number; tasks: number; targets: number },
): CellRecord[] {
  const q = templates.find((c) => c.settings.profile === "quality")!;
  const l = templates.find((c) => c.settings.profile === "latency")!;
  const s = templates.find((c) => c.settings.profile === "sweep")!;
  const out: CellRecord[] = [];
  let k = 0;
  const key = (): string => (k++).toString(16).padStart(64, "0");
  for (let m = 0; m < n.models; m++) {
    const arch = m % 2 === 0 ? "encoder-decoder" : "decoder-only";
    const model = {
      ...q.model,
      id: `synth-${arch === "encoder-decoder" ? "ed" : "dec"}-${m}`,
      architecture: arch,
      distilled: m % 4 >= 2,
      role: "student",
      ...(arch === "encoder-decoder" ? { split: ["2/3-1/3", "1/2-1/2", "1/3-2/3"][m % 3]! } : {}),
    } as CellRecord["model"];
    for (let t = 0; t < n.tasks; t++) {
      const v = 20 + ((m * 7 + t * 13) % 60) + (m % 4 >= 2 ? 2 : 0);
      out.push({
        ...q,
        cellKey: key(),
        model,
        task: { ...q.task!, id: `task_${t}` },
        target: { ...q.target, id: "target-0" },
        quality: {
          ...q.quality!,
          primary: "bleu.bleu",
          metrics: { "bleu.bleu": { value: v, ciLow: v - 3, ciHigh: v + 3, higherIsBetter: true } },
        },
      });
    }
    for (let g = 0; g < n.targets; g++) {
      const target = { ...l.target, id: `target-${g}` };
      const eff = l.efficiency!;
      for (let t = 0; t < n.tasks; t++) {
        const f = 1 + g * 0.3 + (m % 5) * 0.1 + t * 0.01;
        out.push({
          ...l,
          cellKey: key(),
          model,
          task: { ...q.task!, id: `task_${t}` },
          target,
          efficiency: {
            ...eff,
            ttftMs: { ...eff.ttftMs, mean: eff.ttftMs.mean * f },
            decodeTokensPerS: { ...eff.decodeTokensPerS, mean: eff.decodeTokensPerS.mean / f },
          },
        });
      }
      out.push({ ...s, cellKey: key(), model, target });
    }
  }
  return out;
}

async function folderBytes(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0, files = 0;
  for await (const e of Deno.readDir(dir)) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) {
      const sub = await folderBytes(path);
      bytes += sub.bytes;
      files += sub.files;
    } else if (e.isFile) {
      bytes += (await Deno.stat(path)).size;
      files++;
    }
  }
  return { bytes, files };
}

async function countDirs(dir: string): Promise<number> {
  let n = 0;
  for await (const e of Deno.readDir(dir)) if (e.isDirectory) n++;
  return n;
}

/** Part 2: report and site on a generated big store, per checkout. */
async function bigStore(): Promise<void> {
  const records = Number(Deno.env.get("EB_BENCH_RECORDS") ?? 100_000);
  const store = await generatedStore({ records });
  console.log(
    `\nStore: ${store.records} cell records in ${store.runs} runs, ${store.samples} samples ` +
      `(${store.fullRuns} runs of whole splits), ${(store.bytes / 2 ** 20).toFixed(0)} MiB: ` +
      `${store.dir}\n`,
  );
  console.log("| code | command | wall s | peak RSS MiB | target | load avg before |");
  console.log("|---|---|---|---|---|---|");
  const sizes: string[] = [];
  for (const code of checkouts()) {
    let load = loadAverage();
    const report = await measure(
      ["deno", "run", "--allow-read", "src/cli/report.ts", "--results", store.dir],
      code.dir,
    );
    if (report.code !== 0) console.error(report.stderrTail);
    console.log(
      `| ${code.name} | report | ${report.wallS.toFixed(1)} | ${mib(report.peakMiB)} | <= 5 s ${
        report.wallS <= 5 ? "(met)" : "(missed)"
      } | ${load ?? "-"} |`,
    );
    const out = await Deno.makeTempDir({ prefix: "eb-site-big-" });
    try {
      load = loadAverage();
      const site = await measure([
        "deno",
        "run",
        "--allow-read",
        "--allow-write=/tmp",
        "--allow-env",
        "src/cli/site.ts",
        "--results",
        store.dir,
        "--out",
        `${out}/dist`,
      ], code.dir);
      if (site.code !== 0) console.error(site.stderrTail);
      const peak = site.peakMiB;
      console.log(
        `| ${code.name} | site | ${site.wallS.toFixed(1)} | ${mib(peak)} | <= 1024 MiB ${
          peak !== null && peak <= 1024 ? "(met)" : "(missed)"
        } | ${load ?? "-"} |`,
      );
      if (site.code === 0) {
        const all = await folderBytes(`${out}/dist`);
        const device = await folderBytes(`${out}/dist/device`);
        const samples = await folderBytes(`${out}/dist/data/samples`);
        const cells = await countDirs(`${out}/dist/cells`);
        const withSamples = await countDirs(`${out}/dist/data/samples`);
        const kib = (b: number): string => (b / 1024).toFixed(0);
        sizes.push(
          `| ${code.name} | ${all.files} | ${(all.bytes / 2 ** 20).toFixed(0)} | ${
            ((all.bytes - device.bytes) / 2 ** 20).toFixed(0)
          } | ${cells} | ${kib((all.bytes - device.bytes - samples.bytes) / cells)} | ${
            withSamples > 0 ? kib(samples.bytes / withSamples) : "-"
          } |`,
        );
      }
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  }
  console.log(
    "\n| code | files | site MiB | without device/ MiB | cell pages | KiB per cell (pages and " +
      "data, no samples) | KiB of samples per quality cell |",
  );
  console.log("|---|---|---|---|---|---|---|");
  for (const line of sizes) console.log(line);
}

/** Runs the benchmark and prints markdown tables. */
export default async function bench(): Promise<void> {
  if (Deno.env.get("EB_BENCH_SITE_SMALL") !== "0") await small();
  await bigStore();
}

/** Part 1: 10,000 synthetic cells. */
async function small(): Promise<void> {
  const templates = (await Deno.readTextFile(FIXTURE)).trim().split("\n").map((l) =>
    JSON.parse(l) as CellRecord
  );
  const cells = synthetic(templates, { models: 48, tasks: 20, targets: 9 });
  const tmp = await Deno.makeTempDir({ prefix: "eb-site-bench-" });
  try {
    await Deno.mkdir(`${tmp}/results`);
    const runId = templates[0]!.runId;
    await Deno.writeTextFile(
      `${tmp}/results/${runId}.jsonl`,
      cells.map((c) => JSON.stringify(c)).join("\n") + "\n",
    );
    let t0 = performance.now();
    const report = buildReport(cells, { generatedAt: "bench" });
    const reduceS = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const res = await buildSite({ resultsDir: `${tmp}/results`, outDir: `${tmp}/dist` });
    const buildS = (performance.now() - t0) / 1000;
    const overview = (await Deno.stat(`${tmp}/dist/index.html`)).size;
    console.log("| measure | value | target |");
    console.log("|---|---|---|");
    console.log(
      `| cells | ${cells.length} (${report.rows.length} models, ${report.tasks.length} tasks, ${report.targets.length} targets) | 10,000 |`,
    );
    console.log(`| report reduction | ${reduceS.toFixed(2)} s | |`);
    console.log(
      `| full build (read, reduce, render, write ${res.files.length} files) | ${
        buildS.toFixed(2)
      } s | < 5 s ${buildS < 5 ? "(met)" : "(MISSED)"} |`,
    );
    console.log(`| overview HTML | ${(overview / 1024).toFixed(0)} KiB | |`);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

if (import.meta.main) await bench();
export { synthetic };
