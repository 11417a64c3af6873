/**
 * `deno task shapes <command>`: the shape catalog (`models/shapes.json`): random-weight models
 * of real architectures, built by the recipe's Python builder (`models/recipe/shapes.py`) into
 * `models/shapes/<id>/` and timed by `deno task eval --shapes`, never scored.
 *
 * - `list [--json]`: every shape with its family, parameters, the public model it mirrors and
 *   whether it is built (and current).
 * - `build ID... [--dtype fp32,int8] [--seed N] [--force]`: builds each shape into a temporary
 *   sibling folder, writes the stamp with the build key last and renames it into place; a
 *   current build is skipped, saying so; prints build time and size per shape.
 * - `convert-mu PATH/model.pt [--out DIR]`: the paper's released checkpoint into the same
 *   layout (the Python converter).
 *
 * Exit codes: 0 done; 2 bad flags, a bad catalog, an unknown shape id (the line lists the ids),
 * or a builder that failed (nothing replaced).
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { UsageError } from "./_errors.ts";
import { assertOutputFolder, choiceListFlag, integerFlag } from "./_flags.ts";
import { runCli } from "./_run.ts";
import { textTable } from "./_table.ts";
import {
  buildInPlace,
  buildShape,
  DEFAULT_SHAPE_CATALOG,
  findShape,
  folderBytes,
  loadShapeCatalog,
  runBuilder,
  SHAPE_DTYPES,
  type ShapeCatalog,
  type ShapeDtype,
  type ShapeEntry,
  shapeStatus,
} from "../catalog/mod.ts";
import { join } from "node:path";
import { formatBytes } from "../core/format_bytes.ts";

/** A parameter count as `124.4M`. */
function millions(n: number): string {
  return `${(n / 1e6).toFixed(n < 1e7 ? 2 : 1)}M`;
}

/** The shape's parameters against the public model's: `+0.3%`, or `-` without a mirror. */
function versusPublic(s: ShapeEntry): string {
  if (!s.mirrors) return "-";
  const d = (s.params / s.mirrors.params - 1) * 100;
  return `${d >= 0 ? "+" : ""}${d.toFixed(2)}%`;
}

async function list(catalog: ShapeCatalog, json: boolean): Promise<number> {
  const rows = [];
  for (const s of catalog.shapes) rows.push({ shape: s, status: await shapeStatus(catalog, s) });
  if (json) {
    console.log(JSON.stringify({
      catalog: catalog.file,
      shapes: rows.map(({ shape, status }) => ({
        id: shape.id,
        family: shape.family,
        is_encoder_decoder: shape.is_encoder_decoder,
        params: shape.params,
        mirrors: shape.mirrors,
        tiny: shape.tiny === true,
        built: {
          state: status.state,
          dir: status.dir,
          ...(status.stamp
            ? {
              seed: status.stamp.seed,
              dtypes: status.stamp.dtypes,
              bytes: status.stamp.bytes,
              builtAt: status.stamp.builtAt,
            }
            : {}),
        },
      })),
    }));
    return 0;
  }
  console.log(`Shapes (${rows.length}) in ${catalog.file}`);
  console.log(textTable(
    ["id", "family", "params", "mirrors", "public", "vs public", "built"],
    rows.map(({ shape, status }) => [
      shape.id,
      shape.family,
      millions(shape.params),
      shape.mirrors ? `${shape.mirrors.model}@${shape.mirrors.revision}` : "-",
      shape.mirrors ? millions(shape.mirrors.params) : "-",
      versusPublic(shape),
      status.state === "current" && status.stamp
        ? `yes (${status.stamp.dtypes.join(",")}; seed ${status.stamp.seed})`
        : status.state === "stale"
        ? "stale (rebuild)"
        : "no",
    ]),
  ));
  return 0;
}

async function build(
  catalog: ShapeCatalog,
  ids: readonly string[],
  o: { dtype: ShapeDtype[]; seed: number; force: boolean },
): Promise<number> {
  // Every id is checked before anything is built.
  const shapes = ids.map((id) => findShape(catalog, id));
  for (const shape of shapes) {
    const out = await buildShape(catalog, shape, {
      seed: o.seed,
      dtypes: o.dtype,
      force: o.force,
    });
    const what = `${out.stamp.dtypes.join(",")}; seed ${out.stamp.seed}`;
    if (out.skipped) {
      console.log(
        `${shape.id}: current build in ${out.dir} (${what}): skipped (--force builds it again)`,
      );
      continue;
    }
    console.log(
      `${shape.id}: built in ${out.stamp.seconds.toFixed(1)} s, ${
        formatBytes(out.stamp.bytes)
      } (${what}) -> ${out.dir}`,
    );
    if (out.report && out.report.params !== shape.params) {
      console.error(
        `warning: ${shape.id}: the builder counts ${out.report.params} parameters, ` +
          `the catalog says ${shape.params} (${catalog.file})`,
      );
    }
  }
  return 0;
}

async function convertMu(
  catalog: ShapeCatalog,
  checkpoint: string,
  o: { out?: string; dtype: ShapeDtype[]; force: boolean },
): Promise<number> {
  const out = o.out ?? join(catalog.buildRoot, "mu-checkpoint");
  await assertOutputFolder("--out", out);
  const taken = await Array.fromAsync(Deno.readDir(out)).then((e) => e.length > 0, () => false);
  if (taken && !o.force) {
    throw new UsageError(`--out ${out}: not empty (--force replaces it)`);
  }
  const t0 = performance.now();
  const bytes = await buildInPlace(out, async (tmp) => {
    await runBuilder(catalog, [
      "convert-mu",
      "--checkpoint",
      checkpoint,
      "--dtype",
      o.dtype.join(","),
    ], tmp);
    return await folderBytes(tmp);
  });
  console.log(
    `mu-checkpoint: converted in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${
      formatBytes(bytes)
    } (${o.dtype.join(",")}) -> ${out}`,
  );
  return 0;
}

const dtypeFlag = choiceListFlag(SHAPE_DTYPES);

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  let code = 0;
  const program = newCommand()
    .name("shapes")
    .description(
      "Random-weight models of real architectures: list, build (Python builder), convert-mu.",
    )
    .option(
      "--catalog <file>",
      "the shape catalog (beside it: shapes.schema.json, recipe/, shapes/)",
      DEFAULT_SHAPE_CATALOG,
    );
  const catalog = (): Promise<ShapeCatalog> => loadShapeCatalog(program.opts().catalog);
  program.command("list")
    .description("list the shapes: family, parameters, the public model mirrored, built or not")
    .option("--json", "print JSON")
    .allowExcessArguments(false)
    .action(async (o: { json?: true }) => {
      code = await list(await catalog(), o.json === true);
    });
  program.command("build")
    .description("build shapes into models/shapes/<id>/ (a current build is skipped)")
    .argument("<ids...>", "shape ids")
    .option("--dtype <list>", "weight variants: fp32, int8 (default: both)", dtypeFlag)
    .option("--seed <n>", "the builder's seed", integerFlag(0, 2 ** 31 - 1), 0)
    .option("--force", "build even when a current build is there")
    .action(async (ids: string[], o: { dtype?: ShapeDtype[]; seed: number; force?: true }) => {
      code = await build(await catalog(), ids, {
        dtype: o.dtype ?? [...SHAPE_DTYPES],
        seed: o.seed,
        force: o.force === true,
      });
    });
  program.command("convert-mu")
    .description("convert the paper's checkpoint (model.pt) into the shapes' layout")
    .argument("<checkpoint>", "PATH/model.pt")
    .option("--out <dir>", "the folder to write (default: models/shapes/mu-checkpoint)")
    .option("--dtype <list>", "weight variants: fp32, int8 (default: both)", dtypeFlag)
    .option("--force", "replace a folder already at --out")
    .action(async (checkpoint: string, o: { out?: string; dtype?: ShapeDtype[]; force?: true }) => {
      code = await convertMu(await catalog(), checkpoint, {
        ...(o.out !== undefined ? { out: o.out } : {}),
        dtype: o.dtype ?? [...SHAPE_DTYPES],
        force: o.force === true,
      });
    });
  const words = args.filter((a, i) => !a.startsWith("-") && args[i - 1] !== "--catalog");
  if (words.length === 0 && !args.includes("--help") && !args.includes("-h")) {
    throw new UsageError("name a command: list, build or convert-mu (--help lists them)");
  }
  await program.parseAsync([...args], { from: "user" });
  return code;
}

runCli(import.meta, main);
