/**
 * The shipped tasks: those whose data ships with the project, in the order the
 * model recipe trains on them. One list, `tasks/shipped.json`, read here (the
 * site's device page offers these tasks, the page's worker bundles their
 * modules) and by the recipe (`models/recipe/data.py`). A new shipped task is
 * one more id there.
 *
 * @module
 */
import ids from "../../tasks/shipped.json" with { type: "json" };

/** Ids of the shipped tasks, in the recipe's training order. */
export const SHIPPED_TASK_IDS: readonly string[] = ids;
