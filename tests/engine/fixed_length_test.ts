/**
 * Fixed-length generation (`exactNewTokens`) and models without a tokenizer (`idsOnly`), on
 * two zoo models standing in for shapes (decoder-only eb-dec-base, encoder-decoder
 * eb-ed12-base): exactly N tokens come out where EOS would stop, with the cache on and off, at
 * batch 1 and 8, and without the cache the greedy tokens are those with it.
 */
import { assert, assertEquals, assertRejects } from "../results/_assert.ts";
import { join } from "node:path";
import { builtinTargets, loadModel } from "../../src/engine/mod.ts";
import { ConfigError, ModelError } from "../../src/core/errors.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const target = builtinTargets().find((t) => t.id === "cpu-1t")!;
const N = 12;

/** A copy of a zoo model's config and fp32 ONNX files only: no tokenizer, as a shape. */
async function withoutTokenizer(id: string): Promise<string> {
  const src = join(ROOT, "models", id);
  const dir = await Deno.makeTempDir({ prefix: `fixed-${id}-` });
  await Deno.mkdir(join(dir, "onnx"));
  for (const f of ["config.json", "generation_config.json"]) {
    await Deno.copyFile(join(src, f), join(dir, f));
  }
  for await (const e of Deno.readDir(join(src, "onnx"))) {
    if (!e.name.includes("_quantized")) {
      await Deno.copyFile(join(src, "onnx", e.name), join(dir, "onnx", e.name));
    }
  }
  return dir;
}

for (const id of ["eb-dec-base", "eb-ed12-base"]) {
  Deno.test(`fixed length, ${id}: N tokens past EOS, cache on and off, batch 1 and 8`, async () => {
    const dir = await withoutTokenizer(id);
    await assertRejects(() => loadModel(dir, { target }), ModelError); // tokenizer.json missing
    const model = await loadModel(dir, { target, idsOnly: true });
    try {
      assertEquals(model.info.idsOnly, true);
      assertEquals(model.info.vocabSize, 2048);
      await assertRejects(() => model.generate([{ text: "hi" }], { maxNewTokens: 2 }), ModelError);
      // A reference input whose greedy output stops at EOS before N tokens.
      const ref = JSON.parse(await Deno.readTextFile(join(ROOT, "models", id, "reference.json")));
      let input: number[] | undefined;
      let free: number[] = [];
      for (const item of ref.items as { input_ids: number[] }[]) {
        const [r] = await model.generate([{ inputIds: item.input_ids }], { maxNewTokens: N });
        if (r!.finishReason === "eos" && r!.outputTokens < N) {
          input = item.input_ids;
          free = r!.tokenIds;
          break;
        }
      }
      assert(input !== undefined, `no reference input of ${id} stops at EOS within ${N} tokens`);
      const [base] = await model.generate([{ inputIds: input }], {
        maxNewTokens: N,
        exactNewTokens: true,
      });
      assertEquals([base!.outputTokens, base!.finishReason], [N, "length"]);
      assertEquals(base!.tokenIds.slice(0, free.length), free, "the same tokens up to the EOS");
      for (const kvCache of [true, false]) {
        for (const batchSize of [1, 8]) {
          const out = await model.generate(Array(batchSize).fill({ inputIds: input }), {
            maxNewTokens: N,
            exactNewTokens: true,
            kvCache,
            batchSize,
          });
          assertEquals(out.length, batchSize);
          for (const r of out) {
            assertEquals(r.outputTokens, N, `cache ${kvCache}, batch ${batchSize}`);
            assertEquals(r.tokenIds, base!.tokenIds, `cache ${kvCache}, batch ${batchSize}`);
            assertEquals(r.text, "");
          }
        }
      }
      await model.warmup(1); // fed ids: no tokenizer needed
      assertEquals(model.warmupRuns, 1);
    } finally {
      await model.dispose();
    }
  });
}

Deno.test("fixed length refuses stop strings and lengths past the model's positions", async () => {
  const model = await loadModel(await withoutTokenizer("eb-dec-base"), { target, idsOnly: true });
  try {
    const positions = model.info.maxInputTokens;
    await assertRejects(
      () =>
        model.generate([{ inputIds: [5] }], { maxNewTokens: 4, exactNewTokens: true, stop: ["x"] }),
      ConfigError,
    );
    const ids = Array(positions - 3).fill(7);
    const e = await assertRejects(
      () => model.generate([{ inputIds: ids }], { maxNewTokens: 4, exactNewTokens: true }),
      ModelError,
    );
    assert(e.message.includes("does not fit: the prompt leaves 3"), e.message);
    // Without exactNewTokens the same request stops at the positions instead.
    const [r] = await model.generate([{ inputIds: ids }], { maxNewTokens: 4, ignoreEos: true });
    assertEquals(r!.outputTokens, 3);
  } finally {
    await model.dispose();
  }
});
