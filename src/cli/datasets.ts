/**
 * `deno task datasets [--out DIR] [--only NAME,...] [--seed N] [--check]`
 *
 * Regenerates the shipped synthetic datasets (qa, summarize, write,
 * code_translate, translate) under `datasets/`, or with `--check` regenerates
 * them in memory and reports every difference from the committed files
 * (exit 1 when any differs).
 *
 * @module
 */
import { newCommand, parseFlags } from "./_command.ts";
import { BenchError } from "../core/errors.ts";
import {
  buildDataset,
  diffDataset,
  generatorByName,
  GENERATORS,
  MASTER_SEED,
  type SynthGenerator,
  writeDataset,
} from "../datasets/synth/mod.ts";

class UsageError extends Error {}

function selectGenerators(only: string | undefined): SynthGenerator[] {
  if (only === undefined) return [...GENERATORS];
  return only.split(",").map((n) => n.trim()).filter((n) => n.length > 0).map((name) => {
    const gen = generatorByName(name);
    if (gen === undefined) {
      throw new UsageError(
        `unknown dataset "${name}" in --only (known: ${GENERATORS.map((g) => g.name).join(", ")})`,
      );
    }
    return gen;
  });
}

function parseSeed(text: string | undefined): number {
  if (text === undefined) return MASTER_SEED;
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffffffff) {
    throw new UsageError(`--seed must be an integer in [0, 4294967295], got "${text}"`);
  }
  return Number(text);
}

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("datasets")
    .description("Regenerate (or --check) the shipped synthetic datasets.")
    .option("--out <dir>", "root folder of the datasets", "datasets")
    .option("--only <names>", "comma-separated dataset names")
    .option("--seed <n>", `master seed (default ${MASTER_SEED})`)
    .option("--check", "regenerate in memory and report differences from the files; exit 1 if any")
    .allowExcessArguments(false);
  const parsed = parseFlags(() => program.parse(args, { from: "user" }).opts());
  if ("exitCode" in parsed) return parsed.exitCode;
  const { opts } = parsed;
  try {
    const gens = selectGenerators(opts.only);
    const seed = parseSeed(opts.seed);
    let differences = 0;
    for (const gen of gens) {
      const t0 = performance.now();
      const built = await buildDataset(gen, { seed });
      const ms = Math.round(performance.now() - t0);
      if (opts.check) {
        const problems = await diffDataset(opts.out, built);
        differences += problems.length;
        for (const p of problems) console.log(`DIFF ${p}`);
        if (problems.length === 0) console.log(`ok   ${gen.name} (${ms} ms)`);
      } else {
        const files = await writeDataset(opts.out, built);
        console.log(`wrote ${gen.name}: ${files.length} files (${ms} ms)`);
      }
    }
    return differences > 0 ? 1 : 0;
  } catch (error) {
    if (
      error instanceof UsageError || error instanceof BenchError ||
      error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied
    ) {
      console.error(`error: ${error.message.split("\n")[0]}`);
      return 2;
    }
    throw error;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
