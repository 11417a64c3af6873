/** Fixture machines for the compare tests: records with different hardware. @module */
import type { CellRecord, SampleRecord } from "../../src/core/record.ts";
import { RunWriter, sha256Text, summarize } from "../../src/results/mod.ts";
import { makeCell, makeSample } from "../results/_fixtures.ts";

/** A fixture machine: its CPU and the targets (with device) it runs. */
export interface FixtureMachine {
  readonly id: string;
  readonly cpu: string;
  readonly cores: number;
  readonly targets: readonly { id: string; device: "cpu" | "gpu" | "npu" }[];
}

/** Three machines with different hardware. */
export const MACHINES: readonly FixtureMachine[] = [
  {
    id: "ubuntu",
    cpu: "AMD EPYC 7763",
    cores: 4,
    targets: [{ id: "cpu", device: "cpu" }, { id: "cpu-1t", device: "cpu" }],
  },
  {
    id: "macos",
    cpu: "Apple M1 (Virtual)",
    cores: 3,
    targets: [{ id: "cpu", device: "cpu" }, { id: "coreml", device: "npu" }],
  },
  { id: "cuda", cpu: "Intel Xeon Gold 6338", cores: 8, targets: [{ id: "cuda", device: "gpu" }] },
];

/** Number of samples of each quality cell. */
export const N_SAMPLES = 60;

/** The cell key of a machine's quality or latency cell on a target. */
export function fixtureKey(m: FixtureMachine, kind: "q" | "l", target: string): string {
  return sha256Text(`${kind}-${m.id}-${m.cpu}-${target}`);
}

/** What to change in one run of one machine. */
export interface RunChanges {
  /** Multiply TTFT of these latency cells (target ids) by this factor. */
  readonly slow?: { readonly targets: readonly string[]; readonly factor: number };
  /** Noise factor for every timing (default 1). */
  readonly noise?: number;
  /** Make the quality cell's predictions worse on every other sample. */
  readonly worse?: boolean;
}

/** Writes one run of a machine into `dir` (run id from `stamp`, an ISO time). */
export async function writeMachineRun(
  dir: string,
  m: FixtureMachine,
  stamp: string,
  changes: RunChanges = {},
): Promise<CellRecord[]> {
  const compact = stamp.replace(/[-:]/g, "").replace(/\.\d+/, "");
  const runId = `${compact}-${m.id}-${sha256Text(m.id + stamp).slice(0, 6)}`;
  await Deno.mkdir(dir, { recursive: true });
  const writer = new RunWriter(dir, runId);
  const base = makeCell();
  const environment = { ...base.environment, hostname: m.id, cpu: m.cpu, cores: m.cores };
  const at = { startedAt: stamp, finishedAt: stamp };
  const out: CellRecord[] = [];
  const first = m.targets[0]!;
  const target = (t: { id: string; device: "cpu" | "gpu" | "npu" }) => ({
    id: t.id,
    label: t.id,
    device: t.device,
    providers: [{ name: t.id === "cpu-1t" ? "cpu" : t.id }],
    session: {},
  });
  const q = makeCell({
    runId,
    ...at,
    cellKey: fixtureKey(m, "q", first.id),
    target: target(first),
    environment,
  });
  const samples: SampleRecord[] = [];
  for (let i = 0; i < N_SAMPLES; i++) {
    const s = makeSample(q.cellKey, i);
    const good = 50 + (i % 5) * 10;
    const bad = changes.worse && i % 2 === 0;
    samples.push({
      ...s,
      prediction: bad ? `wrong ${i}` : s.prediction,
      scores: { "squad.f1": bad ? 0 : good },
    });
  }
  await writer.writeCell(q, samples);
  out.push(q);
  for (const t of m.targets) {
    const n = changes.noise ?? 1;
    const slow = changes.slow?.targets.includes(t.id) ? changes.slow.factor : 1;
    const l = makeCell({
      runId,
      ...at,
      cellKey: fixtureKey(m, "l", t.id),
      target: target(t),
      environment,
      settings: { ...q.settings, profile: "latency", batchSize: 1, limit: 3 },
      quality: null,
      efficiency: {
        ...q.efficiency!,
        ttftMs: summarize([20, 21, 22].map((x) => x * n * slow)),
        tpotMs: summarize([5, 5.2].map((x) => x * n)),
        decodeTokensPerS: summarize([200, 192].map((x) => x / n)),
        peakRssMiB: 300 * Math.min(n, 1.05),
      },
    });
    await writer.writeCell(l, []);
    out.push(l);
  }
  return out;
}
