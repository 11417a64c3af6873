/**
 * The llama- and t5-type zoo folders load offline in transformers.js (no
 * remote models, local path) and give the same greedy output as reference.json
 * and as this engine (generation stops at eos in both, so outputs are compared
 * up to and including the first eos).
 */
import assert from "node:assert/strict";
import { basename, dirname } from "node:path";
import {
  AutoModelForCausalLM,
  AutoModelForSeq2SeqLM,
  env,
  Tensor,
} from "@huggingface/transformers";
import { builtinTargets, loadModel } from "../../src/engine/mod.ts";
import { readReference, zooFolders } from "./_zoo.ts";

const folders: string[] = [];
for (const dir of await zooFolders()) {
  const cfg = JSON.parse(await Deno.readTextFile(`${dir}/config.json`));
  if (cfg.model_type === "llama" || cfg.model_type === "t5") folders.push(dir);
}

function untilEos(ids: readonly number[], eos: number): number[] {
  const at = ids.indexOf(eos);
  return at < 0 ? [...ids] : ids.slice(0, at + 1);
}

Deno.test("transformers.js: llama- and t5-type zoo folders exist", () => {
  assert.ok(folders.length >= 2, `found ${folders.length}`);
});

for (const dir of folders) {
  Deno.test(`transformers.js ${basename(dir)}: same greedy output offline`, async () => {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${dirname(dir)}/`;
    const cfg = JSON.parse(await Deno.readTextFile(`${dir}/config.json`));
    const isEncDec = cfg.is_encoder_decoder === true;
    const Auto = isEncDec ? AutoModelForSeq2SeqLM : AutoModelForCausalLM;
    const tj = await Auto.from_pretrained(basename(dir), { dtype: "fp32", device: "cpu" });
    const ours = await loadModel(dir, { target: builtinTargets()[0]! });
    const ref = await readReference(dir);
    const eos = cfg.eos_token_id as number;
    try {
      for (const item of ref.items.slice(0, 4)) {
        const n = item.input_ids.length;
        const ids = new Tensor("int64", BigInt64Array.from(item.input_ids.map(BigInt)), [1, n]);
        const mask = new Tensor("int64", new BigInt64Array(n).fill(1n), [1, n]);
        const out = await tj.generate({
          inputs: ids,
          attention_mask: mask,
          max_new_tokens: ref.max_new_tokens,
          do_sample: false,
        }) as Tensor;
        const all = Array.from(out.data as BigInt64Array, Number);
        const generated = isEncDec ? all.slice(1) : all.slice(n);
        const want = untilEos(item.output_ids, eos);
        assert.deepEqual(untilEos(generated, eos), want, "transformers.js vs reference");
        const [mine] = await ours.generate([{ inputIds: item.input_ids }], {
          maxNewTokens: ref.max_new_tokens,
        });
        assert.deepEqual(mine!.tokenIds, want, "engine vs reference");
      }
    } finally {
      await tj.dispose();
      await ours.dispose();
    }
  });
}
