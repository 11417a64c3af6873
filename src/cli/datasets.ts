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
import { newCommand } from "./_command.ts";
import { UsageError } from "./_errors.ts";
import { assertInputFolder, assertOutputFolder, integerFlag } from "./_flags.ts";
import { runCli } from "./_run.ts";
import {
  buildDataset,
  diffDataset,
  generatorByName,
  GENERATORS,
  MASTER_SEED,
  type SynthGenerator,
  writeDataset,
} from "../datasets/synth/mod.ts";

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

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("datasets")
    .description("Regenerate (or --check) the shipped synthetic datasets.")
    .option("--out <dir>", "root folder of the datasets", "datasets")
    .option("--only <names>", "comma-separated dataset names")
    .option("--seed <n>", `master seed (default ${MASTER_SEED})`, integerFlag(0, 0xffffffff))
    .option("--check", "regenerate in memory and report differences from the files; exit 1 if any")
    .allowExcessArguments(false);
  const opts = program.parse(args, { from: "user" }).opts();
  if (opts.check) await assertInputFolder("--out", opts.out);
  else await assertOutputFolder("--out", opts.out);
  const gens = selectGenerators(opts.only);
  const seed = opts.seed ?? MASTER_SEED;
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
}

runCli(import.meta, main);
