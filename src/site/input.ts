/**
 * What the site is rendered from: the report plus the records and optional
 * metadata that pages show verbatim (cell records, samples, model cards,
 * task descriptions). Every string in here is untrusted and escaped on output.
 *
 * @module
 */
import type { CellRecord, Report, SamplesByCell } from "../report/mod.ts";

/** A model file with its checksum. */
export interface ModelFile {
  /** Path inside the model folder. */
  readonly path: string;
  /** Size in bytes, if known. */
  readonly bytes: number | null;
  /** sha256 hex digest. */
  readonly sha256: string;
}

/** What a model folder's card says (models/<id>/card.json), all optional. */
export interface ModelCard {
  /** One paragraph about the model. */
  readonly description: string | null;
  /** What the model is not good for (card.json `limits`), one sentence each. */
  readonly limits: readonly string[];
  /** Files with checksums. */
  readonly files: readonly ModelFile[];
  /** The card as JSON text, pretty-printed, shown verbatim. */
  readonly json: string | null;
}

/** What the task registry says about a task. */
export interface TaskMeta {
  /** One paragraph for people. */
  readonly description: string;
  /** Metric names the task reports. */
  readonly metrics: readonly string[];
  /** The Hub dataset the task reads, when it names one. */
  readonly dataset?: {
    /** Repository id, `org/name`. */
    readonly repo: string;
    /** Config (subset). */
    readonly config: string;
    /** The revision the task names. */
    readonly revision: string;
    /** The commit the lock file pins it to, when locked. */
    readonly sha?: string;
    /** The data's licence. */
    readonly licence: string;
  };
}

/** The public model a shape mirrors, as the shape catalog (`models/shapes.json`) says. */
export interface PublicModel {
  /** Its name, e.g. `google/flan-t5-small`. */
  readonly model: string;
  /** Its parameter count. */
  readonly params: number;
  /** Where its config was read (a URL). */
  readonly source: string;
}

/** Everything a page may show. */
export interface SiteInput {
  /** The report. */
  readonly report: Report;
  /** Newest record of each cell key. */
  readonly records: ReadonlyMap<string, CellRecord>;
  /** Per-sample records by cell key. */
  readonly samples: SamplesByCell;
  /** Model cards by model id. */
  readonly modelCards: ReadonlyMap<string, ModelCard>;
  /** Task metadata by task id. */
  readonly taskMeta: ReadonlyMap<string, TaskMeta>;
  /** The public model each shape mirrors, by shape id (default none: the records' counts only). */
  readonly shapeMirrors?: ReadonlyMap<string, PublicModel>;
}

/** Static files served beside the pages. */
export interface SiteAssets {
  /** The stylesheet. */
  readonly css: string;
  /** The client script (sorting, filtering, charts, instance viewer). */
  readonly clientJs: string;
  /** chart.js UMD build. */
  readonly chartJs: string;
}
