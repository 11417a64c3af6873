/**
 * Task definitions: a task is data joining a dataset, two input renderers
 * (encoder-decoder source and decoder-only prompt), generation settings,
 * post-processing and metrics. See `defineTask` in `src/tasks/`.
 *
 * @module
 */
import type { Sample, SplitName } from "./sample.ts";

/** Asymmetric tasks have inputs and outputs of different length or kind. */
export type TaskKind = "asymmetric" | "symmetric";

/** The length relation between input and output. */
export type TaskDirection = "long_to_short" | "short_to_long" | "balanced";

/** Formats of files the dataset loaders read. */
export type DatasetFormat = "jsonl" | "csv" | "squad_json" | "xsum" | "codexglue";

/**
 * The revision `deno task pull dataset` reads when none is given: the Hub's parquet export,
 * one layout (`<config>/<split>/NNNN.parquet`) for every dataset its viewer reads, script
 * datasets included.
 */
export const DEFAULT_DATASET_REVISION = "refs/convert/parquet";

/**
 * A dataset on the Hugging Face Hub that `deno task pull dataset` converts from its parquet
 * files into `<datasets>/hub/` (`src/datasets/pulled.ts`).
 */
export interface HubDatasetRef {
  /** Repository id, `org/name`. */
  readonly repo: string;
  /**
   * The revision the task reads: a commit sha pins it here; a branch or tag is pinned by the
   * pull (the lock file and the pulled manifest record its sha).
   */
  readonly revision: string;
  /** The dataset's configuration (subset), e.g. `de-en`, or `default`. */
  readonly config: string;
  /** The data's licence, as its card states it (shown on the task's page). */
  readonly licence: string;
}

/** Where a task's data comes from. */
export type DatasetSource =
  | {
    /** A dataset shipped in `datasets/<name>/` with a manifest. */
    readonly kind: "shipped";
    /** Folder name under `datasets/`. */
    readonly name: string;
  }
  | {
    /** A local file (or folder) the user provides. */
    readonly kind: "file";
    /** File format. */
    readonly format: DatasetFormat;
    /** Environment variable that holds the path. */
    readonly env: string;
    /** How to obtain the file, printed when it is missing. */
    readonly help: string;
    /** The Hub dataset pulled when no local path is set (`deno task pull dataset`). */
    readonly hub?: HubDatasetRef;
  };

/** Dataset part of a task definition. */
export interface DatasetSpec {
  /** Where the data comes from. */
  readonly source: DatasetSource;
  /** Split scored by `eval`. */
  readonly evalSplit: SplitName;
  /**
   * Field mapping: task field name -> dataset field (dotted path). Every mapped
   * field must exist on every line, or loading fails naming file:line and field.
   */
  readonly fields: Readonly<Record<string, string>>;
}

/** Post-processing steps applied to a raw generation, in order. */
export type PostprocessStep =
  | "trim"
  | "first_line"
  | "first_sentence"
  | "strip_answer_prefix"
  | "collapse_whitespace"
  | "unanswerable_to_empty";

/** Few-shot settings for decoder-only prompts. */
export interface FewShotSpec {
  /** Number of demonstrations. */
  readonly k: number;
  /** Split the demonstrations are drawn from (never the eval split). */
  readonly split: SplitName;
  /** Seed of the demonstration sampler. */
  readonly seed: number;
  /** Text placed between demonstrations and the query. */
  readonly separator: string;
}

/** A metric the task reports. */
export interface TaskMetricSpec {
  /** Metric name, one of the metrics' registry (`defineTask` checks it). */
  readonly name: string;
  /** Options, e.g. `{ squadVersion: 2 }` or `{ useStemmer: true }`. */
  readonly options?: Readonly<Record<string, string | number | boolean>>;
}

/** Generation settings of a task. */
export interface GenerationSpec {
  /** Maximum number of new tokens. */
  readonly maxNewTokens: number;
  /** Stop strings; the output is cut before the first one found. */
  readonly stop: readonly string[];
}

/** A complete, validated task definition. */
export interface TaskDef {
  /** Unique id, `[a-z0-9_]+`. */
  readonly id: string;
  /** Version; bump when prompts, data or metrics change (part of the cell key). */
  readonly version: number;
  /** One paragraph for people. */
  readonly description: string;
  /** Task family, e.g. `qa`, `summarization`, `writing`, `translation`, `code_translation`. */
  readonly family: string;
  /** Asymmetric or symmetric. */
  readonly kind: TaskKind;
  /** Long-to-short, short-to-long or balanced. */
  readonly direction: TaskDirection;
  /** Dataset spec. */
  readonly dataset: DatasetSpec;
  /** Encoder-decoder input text (T5-style, with a task prefix). */
  readonly source: (sample: Sample) => string;
  /** Decoder-only prompt; the model continues it with the answer. */
  readonly prompt: (sample: Sample) => string;
  /** The training target (first reference). */
  readonly target: (sample: Sample) => string;
  /** All references for scoring. */
  readonly references: (sample: Sample) => string[];
  /** Few-shot settings for decoder-only prompts, if any. */
  readonly fewShot?: FewShotSpec;
  /** Generation settings. */
  readonly generation: GenerationSpec;
  /** Post-processing of the raw generation, in order. */
  readonly postprocess: readonly PostprocessStep[];
  /** Metrics reported. */
  readonly metrics: readonly TaskMetricSpec[];
  /** The headline score, `metric.key`, e.g. `rouge.rougeL` or `squad.f1`. */
  readonly primary: string;
}
