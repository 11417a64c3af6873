/**
 * Builds a synthetic dataset in memory: splits (disjoint by input), JSONL bytes
 * and the manifest. Nothing here touches the file system.
 *
 * @module
 */
import type { JsonObject } from "../../core/json.ts";
import type { SplitName } from "../../core/sample.ts";
import { DatasetError } from "../../core/errors.ts";
import type { DatasetManifest, ManifestSplit } from "../manifest.ts";
import { sha256Hex } from "../manifest.ts";
import { deriveSeed, Rng } from "./prng.ts";
import type { SynthGenerator } from "./types.ts";

/** The master seed of every shipped synthetic dataset. */
export const MASTER_SEED = 20250127;

/** Examples per split of the shipped datasets. */
export const SPLIT_SIZES: Readonly<Record<SplitName, number>> = {
  train: 20_000,
  validation: 500,
  test: 500,
};

/** File name of each split: train is gzipped to keep the repository small. */
export const SPLIT_FILES: Readonly<Record<SplitName, string>> = {
  train: "train.jsonl.gz",
  validation: "validation.jsonl",
  test: "test.jsonl",
};

/** Options of {@link buildDataset}. */
export interface BuildOptions {
  /** Master seed (default {@link MASTER_SEED}). */
  readonly seed?: number;
  /** Examples per split (default {@link SPLIT_SIZES}). */
  readonly sizes?: Readonly<Record<SplitName, number>>;
}

/** A dataset built in memory. */
export interface BuiltDataset {
  /** The manifest, as it will be written. */
  readonly manifest: DatasetManifest;
  /** Uncompressed JSONL bytes of each split. */
  readonly jsonl: Readonly<Record<SplitName, Uint8Array>>;
  /** The examples of each split. */
  readonly examples: Readonly<Record<SplitName, readonly JsonObject[]>>;
}

/** Test and validation are drawn first, so train never takes their inputs. */
const DRAW_ORDER: readonly SplitName[] = ["test", "validation", "train"];
const LINE_ORDER: readonly SplitName[] = ["train", "validation", "test"];

/** Draws the examples of one split, skipping inputs already in `seen`. */
export function drawSplit(
  gen: SynthGenerator,
  split: SplitName,
  options: { seed: number; count: number; seen: Set<string> },
): JsonObject[] {
  const rng = new Rng(deriveSeed(options.seed, gen.name, split));
  const out: JsonObject[] = [];
  const limit = options.count * 50 + 1000;
  for (let tries = 0; out.length < options.count; tries++) {
    if (tries > limit) {
      throw new DatasetError(
        `generator ${gen.name} produced only ${out.length} distinct examples after ${tries} draws`,
        { field: split, value: options.count },
      );
    }
    const ex = gen.example(rng);
    if (ex === undefined) continue;
    const key = gen.inputKey(ex);
    if (options.seen.has(key)) continue;
    options.seen.add(key);
    const id = `${gen.name}-${split}-${String(out.length + 1).padStart(6, "0")}`;
    out.push({ id, ...ex });
  }
  return out;
}

/** Serialises examples as JSONL: one compact JSON object per line, `\n` after each. */
export function toJsonl(examples: readonly JsonObject[]): Uint8Array {
  return new TextEncoder().encode(examples.map((e) => JSON.stringify(e) + "\n").join(""));
}

/** Serialises a manifest the way it is committed (2-space JSON, final newline). */
export function manifestText(manifest: DatasetManifest): string {
  return JSON.stringify(manifest, null, 2) + "\n";
}

/** Builds every split of a generator's dataset and its manifest. */
export async function buildDataset(
  gen: SynthGenerator,
  options: BuildOptions = {},
): Promise<BuiltDataset> {
  const seed = options.seed ?? MASTER_SEED;
  const sizes = options.sizes ?? SPLIT_SIZES;
  const seen = new Set<string>();
  const examples = {} as Record<SplitName, JsonObject[]>;
  for (const split of DRAW_ORDER) {
    examples[split] = drawSplit(gen, split, { seed, count: sizes[split], seen });
  }
  const jsonl = {} as Record<SplitName, Uint8Array>;
  const splits: Partial<Record<SplitName, ManifestSplit>> = {};
  for (const split of LINE_ORDER) {
    const bytes = toJsonl(examples[split]);
    jsonl[split] = bytes;
    splits[split] = {
      file: SPLIT_FILES[split],
      count: examples[split].length,
      sha256: await sha256Hex(bytes),
      bytes: bytes.length,
    };
  }
  const manifest: DatasetManifest = {
    name: gen.name,
    description: gen.description,
    licence: "CC0-1.0",
    generator: `synth/${gen.name}@${gen.version}`,
    seed,
    fields: gen.fields,
    splits,
  };
  return { manifest, jsonl, examples };
}
