import { assert, assertEquals } from "./_assert.ts";
import { canonicalJson, cellKey, type CellKeyParts, hashModelDir } from "../../src/results/mod.ts";

const PARTS: CellKeyParts = {
  modelSha256: "a".repeat(64),
  task: { id: "squad", version: 1 },
  datasetSha256: "b".repeat(64),
  target: { id: "cpu", providers: [{ name: "cpu" }], session: { intraOpNumThreads: 0 } },
  hardware: "Test CPU x2",
  engine: { bench: "0.1.0", onnxruntime: "1.30.0" },
  settings: {
    profile: "quality",
    batchSize: 8,
    maxNewTokens: 32,
    limit: 50,
    kvCache: true,
    decoding: "greedy",
    seed: 0,
  },
};

Deno.test("the cell key ignores object key order but not values", () => {
  const reordered = JSON.parse(canonicalJson(PARTS)) as CellKeyParts;
  assertEquals(cellKey(reordered), cellKey(PARTS));
  assert(/^[0-9a-f]{64}$/.test(cellKey(PARTS)));
  const variants: CellKeyParts[] = [
    { ...PARTS, modelSha256: "c".repeat(64) },
    { ...PARTS, task: { id: "squad", version: 2 } },
    { ...PARTS, task: null },
    { ...PARTS, datasetSha256: "d".repeat(64) },
    { ...PARTS, target: { ...PARTS.target, id: "cpu-1t" } },
    { ...PARTS, target: { ...PARTS.target, session: { intraOpNumThreads: 1 } } },
    { ...PARTS, hardware: "Other CPU x2" },
    { ...PARTS, engine: { bench: "0.1.0", onnxruntime: "1.31.0" } },
    { ...PARTS, settings: { ...PARTS.settings, batchSize: 4 } },
    { ...PARTS, settings: { ...PARTS.settings, limit: null } },
    { ...PARTS, settings: { ...PARTS.settings, profile: "latency" } },
  ];
  const keys = new Set([cellKey(PARTS), ...variants.map(cellKey)]);
  assertEquals(keys.size, variants.length + 1);
});

Deno.test("the model hash covers every model file but not the card", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/onnx`);
  await Deno.writeTextFile(`${dir}/config.json`, "{}");
  await Deno.writeTextFile(`${dir}/onnx/model.onnx`, "weights");
  await Deno.writeTextFile(`${dir}/card.json`, '{"role":"student"}');
  const first = await hashModelDir(dir);
  assertEquals(first.files.map((f) => f.path), ["config.json", "onnx/model.onnx"]);
  assertEquals(first.onnxBytes, 7);
  await Deno.writeTextFile(`${dir}/card.json`, '{"role":"teacher"}');
  assertEquals((await hashModelDir(dir)).sha256, first.sha256);
  await Deno.writeTextFile(`${dir}/onnx/model.onnx`, "weightz");
  assert((await hashModelDir(dir)).sha256 !== first.sha256);
  // Moving a file changes the identity even with the same bytes.
  await Deno.rename(`${dir}/onnx/model.onnx`, `${dir}/onnx/decoder.onnx`);
  await Deno.writeTextFile(`${dir}/onnx/decoder.onnx`, "weights");
  assert((await hashModelDir(dir)).sha256 !== first.sha256);
});
