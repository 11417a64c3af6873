/**
 * Gzipping a store's per-sample files: whole-split runs make them about 12x
 * larger than 40-sample runs, and JSONL of repeated inputs compresses well.
 * Each `<run>.samples.jsonl` becomes `<run>.samples.jsonl.gz` (an existing
 * `.gz` of the run is kept in front); the reader accepts both forms and skips
 * a sample seen twice, so a crash between writing the `.gz` and removing the
 * plain file loses and duplicates nothing.
 *
 * @module
 */
import { gzipText, readJsonl, writeFileAtomic } from "./jsonl.ts";
import { gzSampleFileName, runIdOfFile, sampleFileName } from "./run_id.ts";

/** What {@link gzipSamples} did. */
export interface GzipSummary {
  /** Runs whose samples were gzipped. */
  readonly runs: string[];
  /** Bytes of the plain files before. */
  readonly plainBytes: number;
  /** Bytes of the gzipped files after. */
  readonly gzBytes: number;
}

async function textOf(path: string): Promise<string> {
  const read = await readJsonl(path);
  return read.lines.map((l) => JSON.stringify(l.value) + "\n").join("");
}

/** Gzips every plain per-sample file of `dir` (atomically, one run at a time). */
export async function gzipSamples(dir: string): Promise<GzipSummary> {
  const runs: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const parsed = e.isFile && e.name.endsWith(".samples.jsonl") ? runIdOfFile(e.name) : null;
    if (parsed !== null) runs.push(parsed.runId);
  }
  runs.sort();
  let plainBytes = 0, gzBytes = 0;
  for (const runId of runs) {
    const plain = `${dir}/${sampleFileName(runId)}`, gz = `${dir}/${gzSampleFileName(runId)}`;
    plainBytes += (await Deno.stat(plain)).size;
    const bytes = await gzipText((await textOf(gz)) + (await textOf(plain)));
    await writeFileAtomic(gz, bytes);
    await Deno.remove(plain);
    gzBytes += bytes.length;
  }
  return { runs, plainBytes, gzBytes };
}
