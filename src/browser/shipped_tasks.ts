/**
 * The shipped tasks the device page can run, bundled into the worker (the
 * browser cannot list the tasks folder). The site build offers only the
 * tasks of this list that its registry also has.
 *
 * @module
 */
import type { TaskDef } from "../core/task.ts";
import codeTranslate from "../../tasks/code_translate.ts";
import qa from "../../tasks/qa.ts";
import summarize from "../../tasks/summarize.ts";
import translate from "../../tasks/translate.ts";
import write from "../../tasks/write.ts";

/** Task definitions by id. */
export const SHIPPED_TASKS: ReadonlyMap<string, TaskDef> = new Map(
  [codeTranslate, qa, summarize, translate, write].map((t) => [t.id, t]),
);
