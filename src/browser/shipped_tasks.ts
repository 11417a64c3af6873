/**
 * The shipped tasks' definitions, bundled into the worker (the browser cannot
 * list the tasks folder): the tasks of `tasks/shipped.json`
 * (`tasks/shipped.ts`), which the site build also offers only where its
 * registry has them. A module for each listed id is imported here; a test
 * checks that none is missing.
 *
 * @module
 */
import type { TaskDef } from "../core/task.ts";
import { SHIPPED_TASK_IDS } from "../tasks/shipped.ts";
import codeTranslate from "../../tasks/code_translate.ts";
import qa from "../../tasks/qa.ts";
import summarize from "../../tasks/summarize.ts";
import translate from "../../tasks/translate.ts";
import write from "../../tasks/write.ts";

const BUNDLED: readonly TaskDef[] = [codeTranslate, qa, summarize, translate, write];

/** Task definitions by id: the shipped tasks the bundle carries. */
export const SHIPPED_TASKS: ReadonlyMap<string, TaskDef> = new Map(
  BUNDLED.filter((t) => SHIPPED_TASK_IDS.includes(t.id)).map((t) => [t.id, t]),
);
