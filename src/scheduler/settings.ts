/**
 * The profiles of `deno task eval` (`--profile`) and its `--quick` limit. The run settings
 * and their defaults live in `core/run_settings.ts` (the site's device page reads them too).
 *
 * @module
 */

/** A profile of measurements. */
export type Profile = "quality" | "latency" | "sweep";

/** All profiles, in run order. */
export const PROFILES: readonly Profile[] = ["quality", "latency", "sweep"];

/** What `--profile` accepts. */
export const PROFILE_CHOICES = ["default", "quality", "latency", "sweep", "all"] as const;

/** The profiles a `--profile` value stands for. */
export function profilesOf(choice: typeof PROFILE_CHOICES[number]): Profile[] {
  switch (choice) {
    case "default":
      return ["quality", "latency"];
    case "all":
      return [...PROFILES];
    default:
      return [choice];
  }
}

/** Quality samples per (model, task) of `--quick` smoke runs. */
export const QUICK_LIMIT = 40;
