/**
 * The model hash of a shape's folder: ONNX external data (`<name>.onnx_data`, written for
 * graphs over 1.5 GB) is hashed and counted like the graph, and the build stamp (a dot file
 * that records when it was built) is not part of the model's identity.
 */
import { assert, assertEquals } from "./_assert.ts";
import { hashModelDir } from "../../src/results/mod.ts";
import { STAMP_FILE } from "../../src/catalog/mod.ts";

Deno.test("the model hash covers .onnx_data external data and leaves out the shape stamp", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/onnx`);
  await Deno.writeTextFile(`${dir}/config.json`, "{}");
  await Deno.writeTextFile(`${dir}/shape.json`, '{"id":"mu"}');
  await Deno.writeTextFile(`${dir}/onnx/model.onnx`, "graph");
  await Deno.writeTextFile(`${dir}/onnx/model.onnx_data`, "weights-0");
  await Deno.writeTextFile(`${dir}/${STAMP_FILE}`, '{"builtAt":"2025-01-01"}');
  const first = await hashModelDir(dir);
  assertEquals(first.files.map((f) => f.path), [
    "config.json",
    "onnx/model.onnx",
    "onnx/model.onnx_data",
    "shape.json",
  ]);
  assertEquals(first.onnxBytes, 5 + 9);
  await Deno.writeTextFile(`${dir}/${STAMP_FILE}`, '{"builtAt":"2025-02-02"}');
  assertEquals((await hashModelDir(dir)).sha256, first.sha256, "a new stamp, the same model");
  await Deno.writeTextFile(`${dir}/onnx/model.onnx_data`, "weights-1");
  assert(
    (await hashModelDir(dir)).sha256 !== first.sha256,
    "other external weights, another model",
  );
});
