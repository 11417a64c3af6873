/**
 * Synthetic datasets shipped with encoder-bench: `qa`, `summarize`, `write`,
 * `code_translate` and `translate`, generated deterministically from a seed.
 *
 * @example
 * ```ts
 * import { buildDataset, generatorByName } from "./mod.ts";
 * const gen = generatorByName("translate")!;
 * const built = await buildDataset(gen, { sizes: { train: 5, validation: 2, test: 2 } });
 * if (built.examples.train.length !== 5) throw new Error();
 * ```
 *
 * @module
 */
export {
  buildDataset,
  type BuildOptions,
  type BuiltDataset,
  MASTER_SEED,
  SPLIT_FILES,
  SPLIT_SIZES,
  toJsonl,
} from "./build.ts";
export { datasetFiles, diffDataset, writeDataset } from "./files.ts";
export { deriveSeed, Rng } from "./prng.ts";
export { generatorByName, GENERATORS } from "./registry.ts";
export type { SynthGenerator } from "./types.ts";
