/**
 * `deno task bench store`: eval of a few small cells against a big store. Before every cell,
 * eval checks whether another eval recorded it meanwhile; this measures what that costs when the
 * store is big. The store is the generated 100,000-record one of `bench/_store_gen.ts`
 * (`EB_BENCH_RECORDS` changes the size); the plan is the reference systems (`--models 'ref-*'`,
 * which need no model) on `cpu`, 8 samples each (`--limit 8 --fresh`): 7 quality cells. Eval
 * runs as a child process; wall time and peak RSS are printed, first on an empty store (the
 * cells' own cost), then on the big one. `EB_BENCH_BASELINE=<folder of another checkout>`
 * measures that checkout too. The files eval adds are removed afterwards, so the store stays as
 * generated.
 *
 * @module
 */
import { generatedStore } from "./_store_gen.ts";
import { checkouts, loadAverage, measure, mib } from "./_measure.ts";

async function names(dir: string): Promise<Set<string>> {
  const out = new Set<string>();
  for await (const e of Deno.readDir(dir)) out.add(e.name);
  return out;
}

function evalArgs(store: string): string[] {
  return [
    "deno",
    "run",
    "--allow-read",
    "--allow-write=/tmp",
    "--allow-run=deno",
    "--allow-env",
    "--allow-ffi",
    "--allow-sys",
    "src/cli/eval.ts",
    "--out",
    store,
    "--models",
    "ref-*",
    "--targets",
    "cpu",
    "--limit",
    "8",
    "--fresh",
  ];
}

/** Runs the benchmark and prints a markdown table. */
export default async function bench(): Promise<void> {
  const records = Number(Deno.env.get("EB_BENCH_RECORDS") ?? 100_000);
  const store = await generatedStore({ records });
  console.log(
    `Store: ${store.records} cell records in ${store.runs} runs, ` +
      `${(store.bytes / 2 ** 20).toFixed(0)} MiB: ${store.dir}\n`,
  );
  console.log("| code | store | wall s | peak RSS MiB | exit | load avg before |");
  console.log("|---|---|---|---|---|---|");
  for (const code of checkouts()) {
    const empty = await Deno.makeTempDir({ prefix: "eb-store-bench-" });
    try {
      for (const [label, dir] of [["empty", empty], [`${store.records} records`, store.dir]]) {
        const before = await names(dir!);
        const load = loadAverage();
        const m = await measure(evalArgs(dir!), code.dir);
        if (m.code !== 0) console.error(m.stderrTail);
        console.log(
          `| ${code.name} | ${label} | ${m.wallS.toFixed(1)} | ${mib(m.peakMiB)} | ${m.code} | ${
            load ?? "-"
          } |`,
        );
        for (const name of await names(dir!)) {
          if (!before.has(name)) await Deno.remove(`${dir}/${name}`, { recursive: true });
        }
      }
    } finally {
      await Deno.remove(empty, { recursive: true });
    }
  }
}

if (import.meta.main) await bench();
