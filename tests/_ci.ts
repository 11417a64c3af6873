/** Whether the tests run in CI. @module */

/**
 * True when `value` (by default the `CI` variable) is a truthy CI value (`true`, `1`, `yes`, any
 * value but ``, `0`, `false`, `no`, `off`), as CI services set it. In CI a missing tool is a
 * failure, not a skip. The rule takes the value as an argument so that its test need not set
 * `CI` for every test file running beside it (`deno test --parallel` runs files in one process).
 */
export function isCI(value: string | undefined = Deno.env.get("CI")): boolean {
  const v = (value ?? "").trim().toLowerCase();
  return !["", "0", "false", "no", "off"].includes(v);
}
