/**
 * `deno task list [--json]`: the models, tasks and targets `deno task eval`
 * would use: models with architecture, split, parameters and KD status;
 * tasks with whether their data is here; targets with whether this machine
 * has them.
 *
 * Exit codes: 0 listed; 2 bad flags or a malformed config.
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { discoverModels } from "../catalog/mod.ts";
import { taskAvailability } from "../tasks/availability.ts";
import { loadRegistry } from "../tasks/registry.ts";
import { builtinTargets, loadTargetsFile, probeTargets } from "../targets/mod.ts";
import { assertInputFolder } from "./_flags.ts";
import { runCli } from "./_run.ts";
import { textTable } from "./_table.ts";

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("list")
    .description("List the models, tasks and targets eval would use.")
    .option(
      "--models-dir <dir>",
      "folder of model folders (repeatable)",
      (v, p: string[] | undefined) => [...p ?? [], v],
    )
    .option("--tasks-dir <dir>", "folder of task modules", "tasks")
    .option("--datasets-dir <dir>", "folder of shipped datasets", "datasets")
    .option("--targets-file <file>", "JSON file of extra targets")
    .option("--json", "print JSON")
    .allowExcessArguments(false);
  const opts = program.parse(args, { from: "user" }).opts();
  for (const dir of opts.modelsDir ?? []) await assertInputFolder("--models-dir", dir);
  await assertInputFolder("--datasets-dir", opts.datasetsDir);
  const models = await discoverModels(
    opts.modelsDir ?? ["models"],
    (m) => console.error(`note: ${m}`),
  );
  const registry = await loadRegistry(opts.tasksDir);
  const tasks = [];
  for (const t of registry.tasks) tasks.push(await taskAvailability(t, opts.datasetsDir));
  const targets = builtinTargets();
  if (opts.targetsFile) targets.push(...await loadTargetsFile(opts.targetsFile));
  const probed = await probeTargets(targets);
  if (opts.json) {
    console.log(JSON.stringify({
      models: models.map((m) => ({ ...m.info, dir: m.dir })),
      tasks: tasks.map((t) => ({
        id: t.task.id,
        family: t.task.family,
        kind: t.task.kind,
        direction: t.task.direction,
        available: t.available,
        ...(t.available ? {} : { reason: t.reason }),
      })),
      targets: probed.map((p) => ({
        id: p.target.id,
        label: p.target.label,
        device: p.target.device,
        available: p.available,
        ...(p.reason ? { reason: p.reason } : {}),
      })),
    }));
    return 0;
  }
  console.log(`Models (${models.length})`);
  console.log(textTable(
    ["id", "architecture", "type", "split", "params", "distilled", "teacher", "role"],
    models.map((m) => [
      m.id,
      m.info.architecture,
      m.info.modelType,
      m.info.split ?? "-",
      String(m.info.params.total),
      m.info.distilled ? "yes" : "no",
      m.info.teacher ?? "-",
      m.info.role,
    ]),
  ));
  console.log(`\nTasks (${tasks.length})`);
  console.log(textTable(
    ["id", "family", "kind", "direction", "data"],
    tasks.map((t) => [
      t.task.id,
      t.task.family,
      t.task.kind,
      t.task.direction,
      t.available ? "here" : `missing: ${t.reason.slice(0, 70)}`,
    ]),
  ));
  console.log(`\nTargets (${probed.length})`);
  console.log(textTable(
    ["id", "label", "device", "available"],
    probed.map((p) => [
      p.target.id,
      p.target.label,
      p.target.device,
      p.available ? "yes" : `no: ${(p.reason ?? "").slice(0, 70)}`,
    ]),
  ));
  return 0;
}

runCli(import.meta, main);
