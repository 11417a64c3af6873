/**
 * Shipped datasets: `datasets/<name>/manifest.json` plus one JSONL (or
 * JSONL.gz) file per split, verified by sha256 before parsing.
 *
 * @module
 */
import { DatasetError } from "../../core/errors.ts";
import type { SplitName } from "../../core/sample.ts";
import type { RawRow } from "../fields.ts";
import { readManifest, readVerifiedSplit } from "../manifest.ts";
import { parseJsonl } from "./jsonl.ts";

/** Reads one verified split of a shipped dataset folder. */
export async function readShipped(dir: string, split: SplitName): Promise<RawRow[]> {
  try {
    await Deno.stat(`${dir.replace(/\/$/, "")}/manifest.json`);
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) {
      throw new DatasetError(
        "shipped dataset not found: generate it with `deno task datasets` (or restore it from git)",
        { file: `${dir.replace(/\/$/, "")}/manifest.json`, cause },
      );
    }
    throw new DatasetError(`cannot read dataset: ${(cause as Error).message}`, {
      file: `${dir.replace(/\/$/, "")}/manifest.json`,
      cause,
    });
  }
  const manifest = await readManifest(dir);
  const bytes = await readVerifiedSplit(dir, manifest, split);
  const entry = manifest.splits[split];
  const file = `${dir.replace(/\/$/, "")}/${entry?.file ?? split}`;
  return parseJsonl(new TextDecoder().decode(bytes), file);
}
