import { builtinTargets, loadModel } from "/work/main/src/engine/mod.ts";
const id = Deno.args[0] ?? "eb-ed23-base";
const ref = JSON.parse(Deno.readTextFileSync(`/work/main/models/${id}/reference.json`));
const texts: string[] = (ref.cases ?? ref.samples ?? ref).slice?.(0, 3).map((c: any) => c.text ?? c.input ?? c.prompt) ?? [];
console.log(Object.keys(ref), texts.length);
for (const dtype of ["fp32", "int8"]) {
  const model = await loadModel(`/work/main/models/${id}`, { target: builtinTargets()[0]!, dtype: dtype as any });
  const out = await model.generate(texts.map((text) => ({ text })), { maxNewTokens: 16, ignoreEos: true, batchSize: 1 });
  console.log(dtype, JSON.stringify(out.map((r) => r.tokenIds)));
  await model.dispose();
}
