/**
 * `deno task score --metric NAME --predictions FILE --references FILE
 * [--references FILE2 ...] [--squad-version 1|2] [--use-stemmer]
 * [--resamples N] [--seed N]`: scores a file of predictions against one or
 * more reference files and prints JSON (metric, score on the canonical tool's
 * scale, every sub-score with its 95% bootstrap CI, signature, n).
 *
 * A `.txt` file holds one item per line. A `.jsonl` file holds one JSON
 * object per line: `{"prediction": "..."}` for predictions,
 * `{"references": ["...", ...]}` for references (items may contain
 * newlines). Several reference files are concatenated per sample. Bad input
 * prints one `error: ...` line naming the file (and line) and exits with 2.
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { DatasetError } from "../core/errors.ts";
import { UsageError } from "./_errors.ts";
import { integerFlag } from "./_flags.ts";
import { runCli } from "./_run.ts";
import {
  createMetric,
  METRIC_NAMES,
  type MetricOptions,
  orList,
  rouge,
  scoreCorpus,
  squad,
} from "../metrics/mod.ts";

/** The SQuAD script versions `--squad-version` takes, and the default, from the metric itself. */
const SQUAD_VERSION = squad.options.squadVersion;

const decoder = new TextDecoder("utf-8", { fatal: true });

async function readText(path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new DatasetError(`cannot read file: ${why}`, { file: path });
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new DatasetError("file is not valid UTF-8", { file: path });
  }
}

function lines(text: string): string[] {
  const out = text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out;
}

function parseJsonLine(path: string, line: string, lineNo: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new DatasetError(`malformed JSON: ${why}`, { file: path, line: lineNo });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DatasetError("each line must be a JSON object", { file: path, line: lineNo });
  }
  return value as Record<string, unknown>;
}

function extensionOf(path: string): "txt" | "jsonl" {
  if (path.endsWith(".txt")) return "txt";
  if (path.endsWith(".jsonl")) return "jsonl";
  throw new DatasetError("unsupported file type (use .txt or .jsonl)", { file: path });
}

/** Reads predictions: one per line (`.txt`) or `{"prediction": string}` per line (`.jsonl`). */
export async function readPredictions(path: string): Promise<string[]> {
  const ext = extensionOf(path);
  const rows = lines(await readText(path));
  if (ext === "txt") return rows;
  return rows.map((line, i) => {
    const obj = parseJsonLine(path, line, i + 1);
    const p = obj.prediction;
    if (typeof p !== "string") {
      throw new DatasetError("must be a string", {
        file: path,
        line: i + 1,
        field: "prediction",
        value: p,
      });
    }
    return p;
  });
}

/** Reads references: one per line (`.txt`) or `{"references": string[]}` per line (`.jsonl`). */
export async function readReferences(path: string): Promise<string[][]> {
  const ext = extensionOf(path);
  const rows = lines(await readText(path));
  if (ext === "txt") return rows.map((r) => [r]);
  return rows.map((line, i) => {
    const obj = parseJsonLine(path, line, i + 1);
    const r = obj.references;
    if (!Array.isArray(r) || !r.every((x) => typeof x === "string")) {
      throw new DatasetError("must be an array of strings", {
        file: path,
        line: i + 1,
        field: "references",
        value: r,
      });
    }
    return r as string[];
  });
}

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("score")
    .description("Score predictions against references and print JSON with bootstrap CIs.")
    .requiredOption("--metric <name>", orList(METRIC_NAMES))
    .requiredOption("--predictions <file>", "predictions (.txt or .jsonl)")
    .option(
      "--references <file>",
      "references (.txt or .jsonl); repeat for more reference sets",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      "--squad-version <n>",
      `SQuAD script version for --metric squad: ${
        orList(SQUAD_VERSION.values)
      } (default ${SQUAD_VERSION.default})`,
    )
    .option("--use-stemmer", "Porter-stem tokens for --metric rouge (rouge-score use_stemmer)")
    .option(
      "--resamples <n>",
      "bootstrap resamples (default 1000; 0 disables the CI)",
      integerFlag(0),
    )
    .option(
      "--seed <n>",
      "bootstrap seed (default 12345)",
      integerFlag(Number.MIN_SAFE_INTEGER),
    )
    .allowExcessArguments(false);
  const opts = program.parse(args, { from: "user" }).opts();
  if (opts.references.length === 0) throw new UsageError("give at least one --references file");
  const options: Record<string, string | number | boolean> = {};
  if (opts.squadVersion !== undefined) {
    if (opts.metric !== squad.name) {
      throw new UsageError("--squad-version applies to --metric squad only");
    }
    if (!SQUAD_VERSION.values.map(String).includes(opts.squadVersion)) {
      throw new UsageError(
        `--squad-version must be ${orList(SQUAD_VERSION.values)}, got "${opts.squadVersion}"`,
      );
    }
    options.squadVersion = Number(opts.squadVersion);
  }
  if (opts.useStemmer) {
    if (opts.metric !== rouge.name) {
      throw new UsageError("--use-stemmer applies to --metric rouge only");
    }
    options.useStemmer = true;
  }
  const { resamples, seed } = opts;
  const metric = createMetric(opts.metric, options as MetricOptions);
  const predictions = await readPredictions(opts.predictions);
  if (predictions.length === 0) {
    throw new DatasetError("no predictions in file", { file: opts.predictions });
  }
  const references: string[][] = predictions.map(() => []);
  for (const file of opts.references) {
    const refs = await readReferences(file);
    if (refs.length !== predictions.length) {
      throw new DatasetError(
        `has ${refs.length} items but ${opts.predictions} has ${predictions.length}`,
        { file },
      );
    }
    refs.forEach((r, i) => (references[i] as string[]).push(...r));
  }
  const result = scoreCorpus(metric, predictions, references, {
    ...(resamples !== undefined ? { resamples } : {}),
    ...(seed !== undefined ? { seed } : {}),
  });
  const scores: Record<string, number> = {};
  for (const [key, v] of Object.entries(result.scores)) scores[key] = v.value;
  console.log(JSON.stringify(
    {
      metric: result.metric,
      primary: result.primary,
      score: result.scores[result.primary]?.value ?? null,
      scale: result.scale,
      n: result.n,
      signature: result.signature,
      scores,
      ci: result.scores,
      bootstrap: result.bootstrap,
    },
    null,
    2,
  ));
  return 0;
}

runCli(import.meta, main);
