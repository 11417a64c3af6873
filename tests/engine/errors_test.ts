/**
 * Typed errors of model loading, each naming the file at fault: missing file,
 * corrupt ONNX, unknown architecture, vocabulary size that does not match the
 * logits, missing tensor names, unknown or absent dtype, bad options.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ConfigError, ModelError } from "../../src/core/errors.ts";
import { builtinTargets, loadModel } from "../../src/engine/mod.ts";

const FIXTURES = new URL("../fixtures/models/", import.meta.url).pathname;
const target = builtinTargets()[0]!;

async function copyFixture(name: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "eb-engine-" });
  const copy = async (from: string, to: string): Promise<void> => {
    await Deno.mkdir(to, { recursive: true });
    for await (const e of Deno.readDir(from)) {
      if (e.isDirectory) await copy(join(from, e.name), join(to, e.name));
      else await Deno.copyFile(join(from, e.name), join(to, e.name));
    }
  };
  await copy(join(FIXTURES, name), dir);
  return dir;
}

async function editJson(path: string, edit: (v: Record<string, unknown>) => void): Promise<void> {
  const v = JSON.parse(await Deno.readTextFile(path));
  edit(v);
  await Deno.writeTextFile(path, JSON.stringify(v));
}

async function rejects(
  dir: string,
  pattern: RegExp,
  file: string,
  dtype?: string,
): Promise<void> {
  await assert.rejects(
    () => loadModel(dir, dtype ? { target, dtype } : { target }),
    (e: unknown) => {
      assert.ok(e instanceof ModelError, `expected ModelError, got ${e}`);
      assert.match(e.message, pattern);
      assert.ok(e.file?.endsWith(file), `error names ${e.file}, expected ${file}`);
      assert.ok(!e.message.includes("\n"), "one line");
      return true;
    },
  );
}

Deno.test("errors: missing config.json names the file", async () => {
  const dir = await copyFixture("gpt2");
  await Deno.remove(join(dir, "config.json"));
  await rejects(dir, /missing file/, "config.json");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("errors: missing ONNX file names what was looked for and the dtypes present", async () => {
  const dir = await copyFixture("gpt2");
  await Deno.remove(join(dir, "onnx", "model.onnx"));
  await rejects(dir, /missing file: model\.onnx/, "model.onnx");
  await Deno.remove(dir, { recursive: true });
  const t5 = await copyFixture("t5");
  await Deno.remove(join(t5, "onnx", "encoder_model.onnx"));
  await rejects(t5, /missing file: encoder_model\.onnx/, "encoder_model.onnx");
  await Deno.remove(t5, { recursive: true });
});

Deno.test("errors: a dtype without files, and an unknown dtype", async () => {
  await rejects(
    `${FIXTURES}gpt2`,
    /missing file: model_quantized\.onnx .*dtypes present: fp32/,
    "model_quantized.onnx",
    "q8",
  );
  await rejects(`${FIXTURES}gpt2`, /unknown dtype/, "gpt2", "fp8");
});

Deno.test("errors: missing tokenizer files", async () => {
  const dir = await copyFixture("llama");
  await Deno.remove(join(dir, "tokenizer.json"));
  await rejects(dir, /missing file/, "tokenizer.json");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("errors: corrupt ONNX file", async () => {
  const dir = await copyFixture("llama");
  const bytes = await Deno.readFile(join(dir, "model.onnx"));
  await Deno.writeFile(join(dir, "model.onnx"), bytes.slice(0, Math.floor(bytes.length / 2)));
  await rejects(dir, /corrupt ONNX file/, "model.onnx");
  await Deno.writeTextFile(join(dir, "model.onnx"), "this is not a model");
  await rejects(dir, /corrupt ONNX|cannot load/, "model.onnx");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("errors: unknown architecture (no model_type, encoder-only type)", async () => {
  const dir = await copyFixture("llama");
  await editJson(join(dir, "config.json"), (c) => delete c.model_type);
  await rejects(dir, /unknown architecture/, "config.json");
  await editJson(join(dir, "config.json"), (c) => c.model_type = "bert");
  await rejects(dir, /unknown architecture/, "config.json");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("errors: vocabulary size that does not match the logits", async () => {
  const dir = await copyFixture("llama");
  await editJson(join(dir, "config.json"), (c) => c.vocab_size = 99);
  await rejects(dir, /vocabulary size does not match the logits/, "config.json");
  await editJson(join(dir, "config.json"), (c) => delete c.vocab_size);
  await editJson(join(dir, "tokenizer.json"), (t) => {
    const model = t.model as { vocab: Record<string, number> };
    for (let i = 0; i < 10; i++) model.vocab[`extra${i}`] = 35 + i;
  });
  await rejects(dir, /tokenizer has 45 ids, logits 35/, "tokenizer.json");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("errors: missing tensor names (a model whose inputs are not a decoder's)", async () => {
  const dir = await copyFixture("llama");
  // y = x + x: input "x", output "y"
  const smoke =
    "CAcSDWVuY29kZXItYmVuY2g6QQoOCgF4CgF4EgF5IgNBZGQSBXNtb2tlWhMKAXgSDgoMCAESCAoCCAEKAggEYhMKAXkSDgoMCAESCAoCCAEKAggEQgQKABAN";
  await Deno.writeFile(
    join(dir, "model.onnx"),
    Uint8Array.from(atob(smoke), (c) => c.charCodeAt(0)),
  );
  await rejects(dir, /missing tensor name: unrecognised decoder input/, "model.onnx");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("errors: bad generation options and prompts are typed", async () => {
  const model = await loadModel(`${FIXTURES}llama`, { target });
  try {
    await assert.rejects(() => model.generate([{ text: "a" }], { maxNewTokens: 0 }), ConfigError);
    await assert.rejects(
      () =>
        model.generate([{ text: "a" }], {
          maxNewTokens: 2,
          decoding: { kind: "sample", temperature: 0, seed: 1 },
        }),
      ConfigError,
    );
    await assert.rejects(() => model.generate([{ inputIds: [] }], { maxNewTokens: 2 }), ModelError);
    await assert.rejects(
      () => model.generate([{ inputIds: [999] }], { maxNewTokens: 2 }),
      /outside the vocabulary/,
    );
    await assert.rejects(
      () => model.generate([{ inputIds: new Array(65).fill(5) }], { maxNewTokens: 2 }),
      /prompt longer than the model accepts \(64 tokens\)/,
    );
  } finally {
    await model.dispose();
  }
});
