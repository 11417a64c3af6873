/** Whether the tests run in CI. @module */

/**
 * True when `CI` is set to a truthy value (`true`, `1`, `yes`, any value but ``, `0`, `false`,
 * `no`, `off`), as CI services set it. In CI a missing tool is a failure, not a skip.
 */
export function isCI(): boolean {
  const v = (Deno.env.get("CI") ?? "").trim().toLowerCase();
  return !["", "0", "false", "no", "off"].includes(v);
}
