/** `isCI` reads any truthy `CI` value as CI, as CI services set it. */
import assert from "node:assert/strict";
import { isCI } from "./_ci.ts";
import { deno } from "./cli/_run.ts";

/** An environment holding only `CI` (unset when `value` is undefined). */
function withCI(value: string | undefined): Pick<Deno.Env, "get"> {
  return { get: (key: string) => key === "CI" ? value : undefined };
}

Deno.test("isCI: CI=true, 1, yes or any other value is CI; unset, empty, 0, false, no, off are not", () => {
  for (const v of ["true", "1", "yes", "TRUE", "github", " on "]) {
    assert.equal(isCI(withCI(v)), true, v);
  }
  for (const v of ["", "0", "false", "no", "off", "False", " OFF ", undefined]) {
    assert.equal(isCI(withCI(v)), false, String(v));
  }
});

Deno.test("isCI: without an argument, reads the process's CI variable", async () => {
  // in a child process: setting CI here would change it for every test file beside this one
  const code = 'import { isCI } from "./tests/_ci.ts"; console.log(isCI());';
  for (const [ci, want] of [["yes", "true"], ["off", "false"]] as const) {
    const r = await deno(["eval", "--no-check", code], { env: { CI: ci } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), want, `CI=${ci}`);
  }
});
