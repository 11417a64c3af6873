/**
 * A big, realistic results store for the scale benchmarks (`site`, `store`): many runs over the
 * shipped models, tasks and targets, cloned from the shipped run's records (143 cells: quality,
 * latency on `cpu` and `cpu-1t`, sweeps) with numbers varied by a seeded generator. Four machines
 * take turns; a run's cell keys depend on its machine and an engine epoch (every 100 runs), so
 * the same cell is measured again and again (the history `--fresh` runs leave). Most runs are
 * `--limit 16` runs (16 samples per quality cell, plain `.samples.jsonl` as the writer appends
 * it); every 50th scores whole splits, its samples gzipped as shipped. About 1 in 100 cells
 * failed or timed out. Deterministic for a seed; written once into a cache folder under `/tmp`
 * (`<root>/store`, completed by a `.done` marker) and reused.
 *
 * @module
 */
import type { CellRecord, SampleRecord } from "../src/core/record.ts";
import { mulberry32 } from "../src/core/prng.ts";
import { gzipText } from "../src/results/jsonl.ts";
import { sha256Text } from "../src/results/sha256_text.ts";

const SHIPPED = new URL("../leaderboard/results/", import.meta.url).pathname;
/** Bumped when the generator's output changes, so an old cache is not reused. */
const GENERATOR_VERSION = 1;

/** What to generate. */
export interface StoreSpec {
  /** Cell records, about (whole runs of 143 are written). Default 100,000. */
  readonly records?: number;
  /** Seed (default 1). */
  readonly seed?: number;
}

/** A generated store. */
export interface GeneratedStore {
  /** The results folder. */
  readonly dir: string;
  /** Cell records written. */
  readonly records: number;
  /** Runs written. */
  readonly runs: number;
  /** Sample records written. */
  readonly samples: number;
  /** Bytes of the folder. */
  readonly bytes: number;
  /** Run ids whose samples are whole splits (gzipped). */
  readonly fullRuns: number;
}

const MACHINES = [
  { hostname: "vm", cpu: "AMD EPYC", cores: 2, ramGiB: 23.5 },
  { hostname: "ci-runner", cpu: "Intel Xeon Platinum 8370C", cores: 4, ramGiB: 16 },
  { hostname: "laptop", cpu: "Apple M2", cores: 8, ramGiB: 24 },
  { hostname: "desktop", cpu: "AMD Ryzen 9 7950X", cores: 16, ramGiB: 64 },
];

async function shippedTemplates(): Promise<{
  cells: CellRecord[];
  samples: Map<string, SampleRecord[]>;
}> {
  let cellFile = "", sampleFile = "";
  for await (const e of Deno.readDir(SHIPPED)) {
    if (/^\d{8}T\d{6}Z-.*\.samples\.jsonl\.gz$/.test(e.name)) sampleFile = e.name;
    else if (/^\d{8}T\d{6}Z-.*(?<!\.samples)\.jsonl$/.test(e.name)) cellFile = e.name;
  }
  const cells = (await Deno.readTextFile(SHIPPED + cellFile)).trim().split("\n").map((l) =>
    JSON.parse(l) as CellRecord
  );
  const gz = await Deno.readFile(SHIPPED + sampleFile);
  const text = await new Response(
    new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip")),
  ).text();
  const samples = new Map<string, SampleRecord[]>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const s = JSON.parse(line) as SampleRecord;
    const list = samples.get(s.cellKey) ?? [];
    list.push(s);
    samples.set(s.cellKey, list);
  }
  return { cells, samples };
}

function stamp(ms: number): string {
  return new Date(ms).toISOString();
}

function jitter<T>(value: T, f: number): T {
  if (typeof value === "number") return (Number.isInteger(value) ? value : value * f) as T;
  if (Array.isArray(value)) return value.map((v) => jitter(v, f)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = jitter(v, f);
    return out as T;
  }
  return value;
}

/**
 * The store for `spec`, generated into `<tmp>/eb-bench-store-v<version>-<records>-<seed>/store`
 * unless already there.
 */
export async function generatedStore(spec: StoreSpec = {}): Promise<GeneratedStore> {
  const records = spec.records ?? 100_000, seed = spec.seed ?? 1;
  const root = `/tmp/eb-bench-store-v${GENERATOR_VERSION}-${records}-${seed}`;
  const dir = `${root}/store`;
  try {
    return JSON.parse(await Deno.readTextFile(`${root}/.done`)) as GeneratedStore;
  } catch { /* not generated yet */ }
  await Deno.remove(root, { recursive: true }).catch(() => {});
  await Deno.mkdir(dir, { recursive: true });
  const t = await shippedTemplates();
  const rand = mulberry32(seed);
  const runCount = Math.ceil(records / t.cells.length);
  const t0 = Date.parse("2026-01-05T08:00:00Z");
  let written = 0, sampleCount = 0, fullRuns = 0;
  const enc = new TextEncoder();
  for (let i = 0; i < runCount; i++) {
    const m = MACHINES[i % MACHINES.length]!;
    const epoch = Math.floor(i / 100);
    const full = i % 50 === 49;
    if (full) fullRuns++;
    const start = t0 + i * 6 * 3600_000 + Math.floor(rand() * 3600_000);
    const suffix = Math.floor(rand() * 0xffffff).toString(16).padStart(6, "0");
    const runId = `${
      stamp(start).replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")
    }-${m.hostname}-${suffix}`;
    const env = {
      ...t.cells[0]!.environment,
      hostname: m.hostname,
      cpu: m.cpu,
      cores: m.cores,
      ramGiB: m.ramGiB,
      gitCommit: sha256Text(`commit-${i}`).slice(0, 40),
    };
    const lines: string[] = [];
    const sampleLines: string[] = [];
    let at = start;
    for (const tpl of t.cells) {
      const key = sha256Text(`${tpl.cellKey}|${m.hostname}|${epoch}|${full ? "full" : "limit16"}`);
      const f = 0.85 + rand() * 0.3;
      const quality = tpl.settings.profile === "quality";
      const durationS = tpl.durationS * (full || !quality ? f : 16 / (tpl.quality?.n ?? 16) * f);
      const startedAt = stamp(at);
      at += Math.round(durationS * 1000);
      const failed = rand() < 0.01;
      const base: CellRecord = {
        ...tpl,
        runId,
        cellKey: key,
        startedAt,
        finishedAt: stamp(at),
        durationS: Math.round(durationS * 1000) / 1000,
        settings: quality && !full ? { ...tpl.settings, limit: 16 } : tpl.settings,
        environment: env,
      };
      let rec: CellRecord;
      if (failed) {
        rec = {
          ...base,
          status: rand() < 0.5 ? "failed" : "timeout",
          quality: null,
          efficiency: null,
          sweep: null,
          error: {
            reason: "crash",
            message: "the cell's process exited with code 134",
            stderrTail: "terminate called after throwing an instance of 'std::bad_alloc'\n",
            attempts: 2,
          },
        };
      } else {
        const n = quality && !full ? 16 : null;
        rec = {
          ...base,
          quality: tpl.quality && { ...jitter(tpl.quality, f), ...(n ? { n } : {}) },
          efficiency: tpl.efficiency && {
            ...jitter(tpl.efficiency, f),
            ...(tpl.efficiency.outputDigests
              ? { outputDigests: tpl.efficiency.outputDigests }
              : {}),
            ...(tpl.efficiency.load ? { load: tpl.efficiency.load } : {}),
          },
          sweep: tpl.sweep && jitter(tpl.sweep, f),
        };
        if (quality) {
          const all = t.samples.get(tpl.cellKey) ?? [];
          for (const s of full ? all : all.slice(0, 16)) {
            sampleLines.push(JSON.stringify({ ...s, cellKey: key }));
          }
        }
      }
      lines.push(JSON.stringify(rec));
    }
    written += lines.length;
    sampleCount += sampleLines.length;
    const samplesText = sampleLines.length > 0 ? sampleLines.join("\n") + "\n" : "";
    if (full) await Deno.writeFile(`${dir}/${runId}.samples.jsonl.gz`, await gzipText(samplesText));
    else await Deno.writeFile(`${dir}/${runId}.samples.jsonl`, enc.encode(samplesText));
    await Deno.writeTextFile(`${dir}/${runId}.jsonl`, lines.join("\n") + "\n");
  }
  let bytes = 0;
  for await (const e of Deno.readDir(dir)) bytes += (await Deno.stat(`${dir}/${e.name}`)).size;
  const out: GeneratedStore = {
    dir,
    records: written,
    runs: runCount,
    samples: sampleCount,
    bytes,
    fullRuns,
  };
  await Deno.writeTextFile(`${root}/.done`, JSON.stringify(out));
  return out;
}

if (import.meta.main) {
  const records = Deno.args[0] ? Number(Deno.args[0]) : undefined;
  console.log(await generatedStore(records ? { records } : {}));
}
