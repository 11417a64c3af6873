/**
 * Streams a run's per-sample records: `<run>.samples.jsonl.gz` (the shipped form) then
 * `<run>.samples.jsonl` (the writer's), line by line, keeping only the cells asked for. A line
 * of another cell is skipped before it is parsed (its `cellKey` read from the text), so reading
 * a few cells of a big run costs little memory and time; the first record of a (cell, sample)
 * wins. Equal strings (inputs, references and predictions repeat across cells and runs) can be
 * shared through one table, so many cells' samples fit in memory.
 *
 * @module
 */
import type { SampleRecord } from "../core/record.ts";
import { jsonlLines, parseJsonlLine } from "./jsonl_lines.ts";
import { type ReadOptions, skipOrThrow } from "./read_options.ts";
import { ResultsError } from "../core/errors.ts";
import { gzSampleFileName, sampleFileName } from "./run_id.ts";
import { validateSampleRecord } from "./schema.ts";
import { isSymlink, linkSkipped } from "./links.ts";

/** Options of {@link forEachSample}. */
export interface SampleStreamOptions extends ReadOptions {
  /** A table of strings shared by every sample read with it (default: none). */
  readonly strings?: Map<string, string>;
}

const KEY = '"cellKey":"';

/**
 * The cell key of a sample line as written (`"cellKey":"<hex>"`), or null when the text does
 * not show it plainly (then the line is parsed to find out). Inside a JSON string a quote is
 * always escaped, so the first match is a key of the record.
 */
function cellKeyOfText(text: string): string | null {
  const at = text.indexOf(KEY);
  if (at < 0) return null;
  const end = text.indexOf('"', at + KEY.length);
  const key = text.slice(at + KEY.length, end);
  return end < 0 || key.includes("\\") ? null : key;
}

function shared(s: SampleRecord, strings: Map<string, string>): SampleRecord {
  const one = (x: string): string => {
    const seen = strings.get(x);
    if (seen !== undefined) return seen;
    strings.set(x, x);
    return x;
  };
  return {
    ...s,
    sampleId: one(s.sampleId),
    inputSha256: one(s.inputSha256),
    input: one(s.input),
    references: s.references.map(one),
    prediction: one(s.prediction),
  };
}

/**
 * Calls `onSample` with each sample record of run `runId` in `dir` whose cell is in
 * `cellKeys`, in file order (gzipped file first). Invalid lines of those cells are skipped
 * with a warning (or thrown when `strict`); lines of other cells are not read further. A
 * samples file that is a symbolic link is skipped with a warning.
 */
export async function forEachSample(
  dir: string,
  runId: string,
  cellKeys: ReadonlySet<string>,
  onSample: (sample: SampleRecord) => void,
  options: SampleStreamOptions = {},
): Promise<void> {
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const path of [`${dir}/${gzSampleFileName(runId)}`, `${dir}/${sampleFileName(runId)}`]) {
    if (await isSymlink(path)) {
      skipOrThrow(new ResultsError(linkSkipped(path)), { ...options, strict: false }, warnings);
      continue;
    }
    for await (const raw of jsonlLines(path)) {
      const key = cellKeyOfText(raw.text);
      if (key !== null && !cellKeys.has(key)) continue;
      const parsed = parseJsonlLine(raw, path);
      if (parsed === null) continue;
      if ("warning" in parsed) {
        skipOrThrow(new ResultsError(parsed.warning), options, warnings);
        continue;
      }
      try {
        const sample = validateSampleRecord(parsed.value, { file: path, line: raw.line });
        const id = `${sample.cellKey}\u0000${sample.sampleId}`;
        if (!cellKeys.has(sample.cellKey) || seen.has(id)) continue;
        seen.add(id);
        onSample(options.strings ? shared(sample, options.strings) : sample);
      } catch (err) {
        skipOrThrow(err, options, warnings);
      }
    }
  }
}
