/**
 * `deno task generate --model DIR [--target ID] [--targets FILE] [--dtype D]
 * [--max-new-tokens N] [--no-cache] [--batch-size N] [--stop S]...
 * [--temperature T --seed S [--top-k K] [--top-p P]] [--warmup N] [--format json|text]
 * (--prompt TEXT | --input FILE)`
 *
 * Generates with one model on one hardware target and prints JSON: the model
 * info, target, environment, peak memory and, per prompt, text, token ids and
 * timings; `--format text` instead streams each prompt's text to stdout as its
 * tokens come (one prompt at a time unless `--batch-size` says otherwise).
 * `--input` reads one prompt per line of UTF-8 (a line that is a JSON object
 * with a `text` field, or a JSON string, is taken as that text). New tokens
 * are at most `--max-new-tokens` (itself at most 4096) and at most the model's
 * free positions: a prompt that runs out of positions stops with finish reason
 * `length`, and a note on stderr says so. Bad flags or input print one line
 * `error: ...` and exit 2.
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { Option } from "commander";
import { BenchError } from "../core/errors.ts";
import { UsageError } from "./_errors.ts";
import { integerFlag, numberFlag, repeatFlag } from "./_flags.ts";
import { runCli } from "./_run.ts";
import { loadModel } from "../engine/load_model.ts";
import type { Decoding, GenerateRequest } from "../engine/types.ts";
import { builtinTargets } from "../targets/builtin.ts";
import { loadTargetsFile } from "../targets/config_file.ts";
import { environment, peakRssMiB } from "../targets/environment.ts";
import { findTarget } from "../targets/find_target.ts";
import { probeTargets } from "../targets/probe.ts";

/** The documented upper bound of `--max-new-tokens`. */
const MAX_NEW_TOKENS = 4096;

/**
 * Streams the generated text to stdout as tokens come, one request after another (batch size
 * 1): the decoded text grows by a suffix, held back while it ends in a partial character; a
 * request's line ends when the next request's first token comes, or at `end`.
 */
function textStreamer(decode: (ids: number[]) => string): {
  onToken: (request: number, id: number) => void;
  end: () => void;
} {
  const enc = new TextEncoder();
  let current = -1;
  let ids: number[] = [];
  let shown = "";
  const flush = (final: boolean): void => {
    const text = decode(ids);
    const grows = text.startsWith(shown) && (final || !text.endsWith("\uFFFD"));
    const out = (grows ? text.slice(shown.length) : "") + (final ? "\n" : "");
    if (out !== "") Deno.stdout.writeSync(enc.encode(out));
    if (grows) shown = text;
  };
  return {
    onToken: (request, id) => {
      if (request !== current) {
        if (current >= 0) flush(true);
        current = request;
        ids = [];
        shown = "";
      }
      ids.push(id);
      flush(false);
    },
    end: () => {
      if (current >= 0) flush(true);
    },
  };
}

function parsePromptLine(line: string): string {
  const t = line.trim();
  if (t.startsWith("{") || t.startsWith('"')) {
    try {
      const v = JSON.parse(t);
      if (typeof v === "string") return v;
      if (typeof v?.text === "string") return v.text;
    } catch { /* plain text */ }
  }
  return line;
}

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand("generate")
    .description("generate with one model on one hardware target; prints JSON")
    .requiredOption("--model <dir>", "model folder (Optimum ONNX layout)")
    .option("--target <id>", "hardware target id", "cpu")
    .option("--targets <file>", "extra targets (JSON)")
    .option(
      "--dtype <dtype>",
      "weights variant: fp32, fp16, q8, int8, uint8, q4, q4f16, bnb4",
      "fp32",
    )
    .option(
      "--max-new-tokens <n>",
      `new tokens per prompt, at most ${MAX_NEW_TOKENS} (and at most the model's free positions)`,
      integerFlag(1, MAX_NEW_TOKENS),
      32,
    )
    .option("--no-cache", "recompute the decoder every step (no KV cache)")
    .option("--batch-size <n>", "prompts per batch (default: all)", integerFlag(1))
    .option("--stop <text>", "stop string (repeatable)", repeatFlag, [] as string[])
    .option(
      "--temperature <t>",
      "sample with this temperature (default: greedy)",
      numberFlag({ above: 0 }),
    )
    .option("--top-k <k>", "sampling: keep the k most likely tokens", integerFlag(0))
    .option(
      "--top-p <p>",
      "sampling: nucleus probability, in (0, 1]",
      numberFlag({ above: 0, max: 1 }),
    )
    .option("--seed <n>", "sampling seed", integerFlag(0), 0)
    .option("--ignore-eos", "keep generating past eos")
    .option("--warmup <n>", "untimed warm-up generations", integerFlag(0), 1)
    .option("--prompt <text>", "one prompt")
    .option("--input <file>", "file of prompts, one per line")
    .addOption(
      new Option("--format <format>", "json: one JSON document; text: stream each text")
        .choices(["json", "text"] as const).default("json" as const),
    )
    .allowExcessArguments(false);
  const o = program.parse(args, { from: "user" }).opts();
  if ((o.prompt === undefined) === (o.input === undefined)) {
    throw new UsageError("give exactly one of --prompt TEXT or --input FILE");
  }
  let requests: GenerateRequest[];
  if (o.input !== undefined) {
    const bytes = await Deno.readFile(o.input);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (cause) {
      throw new UsageError("not valid UTF-8", { file: o.input, field: "--input", cause });
    }
    requests = text.split("\n").filter((l) => l.trim() !== "").map((l) => ({
      text: parsePromptLine(l),
    }));
    if (requests.length === 0) throw new BenchError("no prompts in file", { file: o.input });
  } else {
    requests = [{ text: o.prompt! }];
  }
  const targets = [...builtinTargets(), ...(o.targets ? await loadTargetsFile(o.targets) : [])];
  const target = findTarget(o.target, targets);
  const [probe] = await probeTargets([target]);
  if (!probe?.available) {
    throw new BenchError(`target is not available on this machine: ${probe?.reason}`, {
      field: "target",
      value: target.id,
    });
  }
  const decoding: Decoding = o.temperature === undefined ? { kind: "greedy" } : {
    kind: "sample",
    temperature: o.temperature,
    seed: o.seed,
    ...(o.topK !== undefined ? { topK: o.topK } : {}),
    ...(o.topP !== undefined ? { topP: o.topP } : {}),
  };
  const model = await loadModel(o.model, { target, dtype: o.dtype });
  try {
    const text = o.format === "text";
    const options = {
      maxNewTokens: o.maxNewTokens,
      kvCache: o.cache,
      decoding,
      stop: o.stop,
      ignoreEos: o.ignoreEos === true,
      ...(o.batchSize !== undefined ? { batchSize: o.batchSize } : text ? { batchSize: 1 } : {}),
    };
    await model.warmup(o.warmup, { kvCache: o.cache });
    const stream = text && (o.batchSize ?? 1) === 1
      ? textStreamer((ids) => model.tokenizer.decode(ids))
      : undefined;
    const results = await model.generate(requests, {
      ...options,
      ...(stream ? { onToken: stream.onToken } : {}),
    });
    results.forEach((r, i) => {
      if (r.finishReason === "length" && r.maxNewTokens < o.maxNewTokens) {
        console.error(
          `note: prompt ${i + 1}: stopped after ${r.outputTokens} new tokens: the model's ` +
            `${model.info.maxInputTokens} positions are full (finish reason length)`,
        );
      }
    });
    if (text) {
      if (stream) stream.end();
      else for (const r of results) console.log(r.text);
      return 0;
    }
    const out = {
      model: model.info,
      target,
      environment: await environment(),
      settings: { ...options, warmupRuns: model.warmupRuns },
      peakRssMiB: peakRssMiB(),
      results,
    };
    console.log(JSON.stringify(out, null, 2));
  } finally {
    await model.dispose();
  }
  return 0;
}

runCli(import.meta, main);
