/** A small results store for the CLI tests, written by the real writer. @module */
import type { CellRecord } from "../../src/core/record.ts";
import { RunWriter, sha256Text, summarize } from "../../src/results/mod.ts";
import { makeCell, makeSample } from "../results/_fixtures.ts";

function model(id: string, architecture: CellRecord["model"]["architecture"], distilled: boolean) {
  const base = makeCell().model;
  return {
    ...base,
    id,
    architecture,
    distilled,
    sha256: sha256Text(id),
    ...(architecture === "decoder-only" ? { split: undefined } : {}),
  };
}

/**
 * Writes a store with an encoder-decoder, a decoder-only and a distilled
 * encoder-decoder model: quality cells (with samples) and latency cells on
 * `cpu` and `cpu-1t`.
 */
export async function writeStore(
  dir: string,
  runId = "20261128T120000Z-host-aaaaaa",
): Promise<CellRecord[]> {
  const writer = new RunWriter(dir, runId);
  const records: CellRecord[] = [];
  const models = [
    model("ed", "encoder-decoder", false),
    model("dec", "decoder-only", false),
    { ...model("ed-kd", "encoder-decoder", true), teacher: "teacher" },
  ].map((m) => {
    if (m.split === undefined) {
      const { split: _s, ...rest } = m;
      return rest;
    }
    return m;
  });
  for (const [mi, m] of models.entries()) {
    const q = makeCell({
      runId,
      model: m,
      cellKey: sha256Text(`q-${m.id}`),
      quality: {
        ...makeCell().quality!,
        metrics: {
          "squad.f1": {
            value: 40 + 10 * mi,
            ciLow: 30 + 10 * mi,
            ciHigh: 50 + 10 * mi,
            higherIsBetter: true,
          },
        },
      },
    });
    const samples = [0, 1, 2].map((i) => ({
      ...makeSample(q.cellKey, i),
      scores: { "squad.f1": 30 + 10 * mi + i * 10 },
    }));
    await writer.writeCell(q, samples);
    records.push(q);
    for (const target of ["cpu", "cpu-1t"]) {
      const ttft = summarize([10 + 5 * mi, 12 + 5 * mi, 11 + 5 * mi]);
      const l = makeCell({
        runId,
        model: m,
        cellKey: sha256Text(`l-${m.id}-${target}`),
        target: { ...q.target, id: target },
        settings: { ...q.settings, profile: "latency", batchSize: 1, limit: 3 },
        quality: null,
        efficiency: {
          ...q.efficiency!,
          ttftMs: ttft,
          tpotMs: summarize([2 + mi, 2.5 + mi]),
          decodeTokensPerS: summarize([1000 / (2 + mi), 1000 / (2.5 + mi)]),
        },
      });
      await writer.writeCell(l, []);
      records.push(l);
    }
  }
  return records;
}
