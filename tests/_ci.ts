/** Whether the tests run in CI. @module */

/**
 * True when `CI` in `env` (by default this process's environment) is a truthy CI value (`true`,
 * `1`, `yes`, any value but ``, `0`, `false`, `no`, `off`), as CI services set it. In CI a
 * missing tool is a failure, not a skip. The environment is an argument so that the rule's test
 * need not set `CI` for every test file running beside it (`deno test --parallel` runs the files
 * in one process).
 */
export function isCI(env: Pick<Deno.Env, "get"> = Deno.env): boolean {
  const v = (env.get("CI") ?? "").trim().toLowerCase();
  return !["", "0", "false", "no", "off"].includes(v);
}
