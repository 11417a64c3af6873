/** `isCI` reads any truthy `CI` value as CI, as CI services set it. */
import assert from "node:assert/strict";
import { isCI } from "./_ci.ts";

Deno.test("isCI: CI=true, 1, yes or any other value is CI; unset, empty, 0, false, no, off are not", () => {
  const saved = Deno.env.get("CI");
  try {
    for (const v of ["true", "1", "yes", "TRUE", "github"]) {
      Deno.env.set("CI", v);
      assert.equal(isCI(), true, v);
    }
    for (const v of ["", "0", "false", "no", "off", "False"]) {
      Deno.env.set("CI", v);
      assert.equal(isCI(), false, v);
    }
    Deno.env.delete("CI");
    assert.equal(isCI(), false);
  } finally {
    if (saved === undefined) Deno.env.delete("CI");
    else Deno.env.set("CI", saved);
  }
});
