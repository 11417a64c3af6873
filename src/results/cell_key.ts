/**
 * Cell keys: content addresses of (model files, task, dataset, target, engine,
 * settings). A cell whose key is in the store with status `ok` is not rerun.
 *
 * @module
 */
import type { CellSettings } from "../core/record.ts";
import type { ProviderSpec, SessionSettings } from "../core/target.ts";
import { sha256Text } from "./sha256_text.ts";

/** Everything a cell's result depends on. */
export interface CellKeyParts {
  /** sha256 of the model's files (see `hashModelDir`). */
  readonly modelSha256: string;
  /**
   * The model's dtype variant when not fp32 (`--dtype`): a folder's files hash alike whichever
   * variant runs. Absent for fp32, so fp32 keys are what they were before variants.
   */
  readonly dtype?: string;
  /**
   * sha256 of the chat template that wraps the prompts (its text and special tokens), for a
   * model prompted through one; absent otherwise, so other keys are unchanged.
   */
  readonly chatTemplateSha256?: string;
  /** Task id and version, or null for task-free cells (the sweep). */
  readonly task: { readonly id: string; readonly version: number } | null;
  /** sha256 of the dataset split the cell reads, or null. */
  readonly datasetSha256: string | null;
  /** Target id, providers and session settings. */
  readonly target: {
    readonly id: string;
    readonly providers: readonly ProviderSpec[];
    readonly session: SessionSettings;
  };
  /** The hardware the target ran on (CPU model and cores for CPU targets). */
  readonly hardware: string;
  /** Engine identity: encoder-bench and onnxruntime versions. */
  readonly engine: { readonly bench: string; readonly onnxruntime: string };
  /** Generation and run settings. */
  readonly settings: CellSettings;
}

/** JSON with object keys sorted at every level, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

/** The cell key: hex sha256 of the canonical JSON of its parts. */
export function cellKey(parts: CellKeyParts): string {
  return sha256Text(`encoder-bench/cell-key@1\n${canonicalJson(parts)}`);
}
