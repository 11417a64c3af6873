/** Test helper: reads the committed synthetic datasets (sha256-verified), once. */
import type { JsonObject } from "../../../src/core/json.ts";
import type { SplitName } from "../../../src/core/sample.ts";
import { readManifest, readVerifiedSplit } from "../../../src/datasets/manifest.ts";

/** Root of the committed datasets. */
export const DATASETS_DIR = new URL("../../../datasets/", import.meta.url).pathname;

/** The three splits. */
export const SPLIT_NAMES: readonly SplitName[] = ["train", "validation", "test"];

const cache = new Map<string, Promise<Record<SplitName, JsonObject[]>>>();

async function load(name: string): Promise<Record<SplitName, JsonObject[]>> {
  const dir = `${DATASETS_DIR}${name}`;
  const manifest = await readManifest(dir);
  const out = {} as Record<SplitName, JsonObject[]>;
  for (const split of SPLIT_NAMES) {
    const text = new TextDecoder().decode(await readVerifiedSplit(dir, manifest, split));
    if (!text.endsWith("\n") || text.includes("\r")) {
      throw new Error(`${name}/${split}: bad line ends`);
    }
    out[split] = text.slice(0, -1).split("\n").map((l) => JSON.parse(l) as JsonObject);
  }
  return out;
}

/** Every split of a committed dataset, parsed. */
export function committed(name: string): Promise<Record<SplitName, JsonObject[]>> {
  let p = cache.get(name);
  if (p === undefined) {
    p = load(name);
    cache.set(name, p);
  }
  return p;
}
