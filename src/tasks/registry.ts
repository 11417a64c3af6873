/**
 * The task registry: every module in a tasks folder (default `tasks/`)
 * default-exports a TaskDef made by `defineTask`. Loading needs only read
 * permission.
 *
 * @module
 */
import { BenchError, TaskError } from "../core/errors.ts";
import type { TaskDef } from "../core/task.ts";
import { validateTask } from "./define_task.ts";

/** The loaded tasks, by id, in file-name order. */
export interface TaskRegistry {
  /** Folder the tasks came from. */
  readonly dir: string;
  /** All tasks, sorted by id. */
  readonly tasks: readonly TaskDef[];
  /** The file each task was defined in, by id. */
  readonly files: ReadonlyMap<string, string>;
  /** A task by id; TaskError naming the known ids when absent. */
  get(id: string): TaskDef;
  /** Several tasks by id (all of them when `ids` is undefined). */
  select(ids?: readonly string[]): TaskDef[];
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`;
}

/** True for files the registry loads: `*.ts`, not `_private.ts`, not `*_test.ts`, not `.d.ts`. */
export function isTaskFile(name: string): boolean {
  return name.endsWith(".ts") && !name.startsWith("_") && !name.endsWith("_test.ts") &&
    !name.endsWith(".d.ts");
}

async function importTask(file: string): Promise<TaskDef> {
  const url = new URL(`file://${await Deno.realPath(file)}`).href;
  let mod: Record<string, unknown>;
  try {
    mod = await import(url);
  } catch (cause) {
    if (cause instanceof BenchError) {
      throw new TaskError(cause.message, { file, cause });
    }
    const why = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new TaskError(`task module failed to load: ${why}`, { file, cause });
  }
  if (!("default" in mod)) {
    throw new TaskError("task module has no default export (export default defineTask({...}))", {
      file,
    });
  }
  try {
    return validateTask(mod.default);
  } catch (cause) {
    throw new TaskError((cause as Error).message, { file, cause });
  }
}

/**
 * Loads every task module in `dir`. A module that throws, lacks a valid
 * default export, or repeats another task's id, is a TaskError naming the
 * file. (By convention the id equals the file name.)
 */
export async function loadRegistry(dir = "tasks"): Promise<TaskRegistry> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && isTaskFile(entry.name)) names.push(entry.name);
    }
  } catch (cause) {
    const why = cause instanceof Deno.errors.NotFound ? "not found" : (cause as Error).message;
    throw new TaskError(`cannot read the tasks folder: ${why}`, { file: dir, cause });
  }
  names.sort();
  const byId = new Map<string, TaskDef>();
  const files = new Map<string, string>();
  for (const name of names) {
    const file = joinPath(dir, name);
    const task = await importTask(file);
    const other = files.get(task.id);
    if (other !== undefined) {
      throw new TaskError(`duplicate task id, already defined in ${other}`, {
        file,
        field: "id",
        value: task.id,
      });
    }
    byId.set(task.id, task);
    files.set(task.id, file);
  }
  const tasks = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  const get = (id: string): TaskDef => {
    const task = byId.get(id);
    if (task === undefined) {
      throw new TaskError(`unknown task; known: ${[...byId.keys()].join(", ")}`, {
        file: dir,
        field: "task",
        value: id,
      });
    }
    return task;
  };
  return {
    dir,
    tasks,
    files,
    get,
    select: (ids) => (ids === undefined ? [...tasks] : ids.map(get)),
  };
}
