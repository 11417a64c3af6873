import { assert, assertEquals, assertRejects } from "../results/_assert.ts";
import { ConfigError } from "../../src/core/errors.ts";
import { discoverModels, readModelEntry, splitName } from "../../src/catalog/mod.ts";

/** A model folder `m1` with this config, an optional card and (empty) ONNX files to match. */
async function modelDir(config: unknown, card?: unknown): Promise<string> {
  const root = await Deno.makeTempDir();
  await Deno.mkdir(`${root}/m1/onnx`, { recursive: true });
  await Deno.writeTextFile(`${root}/m1/config.json`, JSON.stringify(config));
  const encDec = (config as { is_encoder_decoder?: unknown }).is_encoder_decoder === true;
  for (const f of encDec ? ["encoder_model.onnx", "decoder_model_merged.onnx"] : ["model.onnx"]) {
    await Deno.writeFile(`${root}/m1/onnx/${f}`, new Uint8Array());
  }
  if (card !== undefined) await Deno.writeTextFile(`${root}/m1/card.json`, JSON.stringify(card));
  return root;
}

Deno.test("model info comes from card.json when present, else config.json", async () => {
  const bare = await modelDir({ model_type: "t5", is_encoder_decoder: true, num_layers: 2 });
  const [entry] = await discoverModels([bare]);
  assertEquals(entry!.info.architecture, "encoder-decoder");
  assertEquals(entry!.info.role, "external");
  assertEquals(entry!.info.split, "1/2-1/2");
  const carded = await modelDir(
    {
      model_type: "encdec_rope",
      is_encoder_decoder: true,
      num_encoder_layers: 2,
      num_decoder_layers: 1,
    },
    {
      architecture: "encoder-decoder, paper design",
      parameters: { total: 100, encoder: 60 },
      distillation: { teacher: "eb-teacher" },
      description: "Student (distilled).",
    },
  );
  const info = (await readModelEntry(`${carded}/m1`)).info;
  assertEquals(info.split, "2/3-1/3");
  assertEquals(info.distilled, true);
  assertEquals(info.teacher, "eb-teacher");
  assertEquals(info.role, "student");
  assertEquals(info.params, { total: 100, encoder: 60 });
});

Deno.test("malformed model files are ConfigErrors naming the file and field", async () => {
  const badType = await modelDir({ model_type: 3 });
  const e1 = await assertRejects(() => discoverModels([badType]), ConfigError);
  assert(
    e1.message.includes("m1/config.json") && e1.message.includes('field "model_type"'),
    e1.message,
  );
  const badCard = await modelDir({ model_type: "llama" }, { parameters: { total: -5 } });
  const e2 = await assertRejects(() => discoverModels([badCard]), ConfigError);
  assert(
    e2.message.includes("m1/card.json") && e2.message.includes("parameters.total"),
    e2.message,
  );
  const root = await Deno.makeTempDir();
  await Deno.mkdir(`${root}/m2`);
  await Deno.writeTextFile(`${root}/m2/config.json`, "{ not json");
  const e3 = await assertRejects(() => discoverModels([root]), ConfigError);
  assert(e3.message.includes("m2/config.json"), e3.message);
});

Deno.test("recipe, tokenizer and shapes folders are not models, nor noted", async () => {
  const root = await modelDir({ model_type: "llama" });
  for (const name of ["recipe", "tokenizer"]) {
    await Deno.mkdir(`${root}/${name}`);
    await Deno.writeTextFile(`${root}/${name}/config.json`, "{}");
  }
  // The shape builds' folder: no config.json of its own, yet no "not a model folder" note.
  await Deno.mkdir(`${root}/shapes/mu`, { recursive: true });
  const notes: string[] = [];
  assertEquals((await discoverModels([root], (m) => notes.push(m))).map((m) => m.id), ["m1"]);
  assertEquals(notes, []);
});

Deno.test("splitName writes the encoder share of layers as the paper does", () => {
  assertEquals(splitName(20, 10), "2/3-1/3");
  assertEquals(splitName(1, 2), "1/3-2/3");
  assertEquals(splitName(6, 6), "1/2-1/2");
});

Deno.test("the architecture is the engine's: an encoder file makes encoder-decoder without the flag", async () => {
  const root = await Deno.makeTempDir();
  await Deno.mkdir(`${root}/m1/onnx`, { recursive: true });
  await Deno.writeTextFile(`${root}/m1/config.json`, JSON.stringify({ model_type: "encdec_rope" }));
  for (const f of ["encoder_model.onnx", "decoder_model_merged.onnx"]) {
    await Deno.writeFile(`${root}/m1/onnx/${f}`, new Uint8Array());
  }
  const [entry] = await discoverModels([root]);
  assertEquals(entry!.info.architecture, "encoder-decoder");
  // a card may describe the model but not contradict its files
  await Deno.writeTextFile(
    `${root}/m1/card.json`,
    JSON.stringify({ architecture: "decoder-only" }),
  );
  const e = await assertRejects(() => discoverModels([root]), ConfigError);
  assert(e.message.includes("m1/card.json") && e.message.includes("architecture"), e.message);
});

Deno.test("a sub-folder that is not a model (empty, or no config.json) is reported", async () => {
  const root = await modelDir({ model_type: "llama" });
  await Deno.mkdir(`${root}/empty`);
  const notes: string[] = [];
  assertEquals((await discoverModels([root], (m) => notes.push(m))).map((m) => m.id), ["m1"]);
  assertEquals(notes.length, 1);
  assert(notes[0]!.includes(`${root}/empty`) && notes[0]!.includes("no config.json"), notes[0]);
});
