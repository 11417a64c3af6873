/** The one record factory of the tests: valid cell and sample records. @module */
import {
  CELL_SCHEMA,
  type CellRecord,
  SAMPLE_SCHEMA,
  type SampleRecord,
} from "../../src/core/record.ts";
import { sha256Text, summarize } from "../../src/results/mod.ts";

/** A valid `ok` quality cell record; `overrides` replace top-level fields. */
export function makeCell(overrides: Partial<CellRecord> = {}): CellRecord {
  const stat = summarize([10, 12, 11, 13]);
  return {
    schema: CELL_SCHEMA,
    runId: "20261128T130000Z-host-abc123",
    cellKey: sha256Text("cell-1"),
    status: "ok",
    startedAt: "2026-11-28T13:00:00.000Z",
    finishedAt: "2026-11-28T13:00:05.000Z",
    durationS: 5,
    model: {
      id: "encdec-330m",
      architecture: "encoder-decoder",
      modelType: "encdec_rope",
      split: "2/3-1/3",
      distilled: false,
      role: "student",
      params: { total: 1000, encoder: 600, decoder: 400 },
      dtype: "fp32",
      bytes: 4000,
      sha256: sha256Text("model"),
    },
    task: {
      id: "squad",
      version: 1,
      family: "qa",
      kind: "asymmetric",
      direction: "long_to_short",
      split: "test",
      datasetSha256: sha256Text("data"),
    },
    target: { id: "cpu", label: "CPU", device: "cpu", providers: [{ name: "cpu" }], session: {} },
    settings: {
      profile: "quality",
      batchSize: 8,
      maxNewTokens: 32,
      limit: 50,
      kvCache: true,
      decoding: "greedy",
      seed: 0,
    },
    quality: {
      primary: "squad.f1",
      metrics: { "squad.f1": { value: 60, ciLow: 50, ciHigh: 70, higherIsBetter: true } },
      n: 50,
      bootstrap: { resamples: 1000, seed: 0 },
      signatures: { squad: "squad|v2" },
    },
    efficiency: {
      ttftMs: stat,
      encoderMs: stat,
      tpotMs: stat,
      decodeTokensPerS: stat,
      totalMs: stat,
      inputTokens: stat,
      outputTokens: stat,
      loadMs: 100,
      peakRssMiB: 200,
      warmupRuns: 0,
      examplesPerS: 3,
    },
    sweep: null,
    environment: {
      hostname: "host",
      cpu: "Test CPU",
      cores: 2,
      ramGiB: 24,
      os: "linux",
      deno: "2.9.6",
      v8: "13",
      onnxruntime: "1.30.0",
      benchVersion: "0.1.0",
    },
    error: null,
    ...overrides,
  };
}

/** A valid sample record of `cellKey`. */
export function makeSample(cellKey: string, i: number): SampleRecord {
  return {
    schema: SAMPLE_SCHEMA,
    cellKey,
    sampleId: `s${i}`,
    inputSha256: sha256Text(`input ${i}`),
    input: `input ${i}`,
    references: [`ref ${i}`],
    prediction: `pred ${i}`,
    scores: { "squad.f1": i },
    inputTokens: 10 + i,
    outputTokens: 3,
  };
}
