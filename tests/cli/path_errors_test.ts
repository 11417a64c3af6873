/**
 * Every CLI behind a `deno task`, given a file where a folder is expected, a missing path and a
 * path it may not write (or read): one `error:` line naming the flag and the path, exit code 2,
 * no stack trace (issue 29, item 2). The refused paths are refused by the sandbox of the task's
 * grants, so those cases run `deno task` as a subprocess; the others run the CLI's `main` in
 * this process through the exit-code mapping every CLI ends with (`runMain`, src/cli/_run.ts).
 * That each task reaches its `main` with its own permissions is tests/cli/help_test.ts.
 */
import assert from "node:assert/strict";
import type { CliMain } from "../../src/cli/_run.ts";
import { type CliResult, ROOT, runInProcess, task } from "./_run.ts";

const config = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.json`)) as {
  tasks: Record<string, string>;
};
/** The CLI module each task runs (src/cli/launch.ts only starts another: `bench` runs none). */
const cliOf = new Map(
  Object.entries(config.tasks).flatMap(([name, command]) => {
    const file = /src\/cli\/(?!launch\.ts)([a-z_]+)\.ts/.exec(command)?.[1];
    return file === undefined ? [] : [[name, file] as const];
  }),
);
const cliTasks = [...cliOf.keys()].sort();

/**
 * A case: the arguments, and the flag and path the one error line must name; `refused` when the
 * task's sandbox refuses the path (run through `deno task`, not in this process, which may).
 */
type Case = {
  readonly args: readonly string[];
  readonly names: readonly string[];
  readonly refused?: true;
};

const FILE = "README.md";
const MISSING = "no_such_folder_eb";
const REFUSED = "/root/eb-not-granted";

/** Per CLI: a file for a folder, a missing path, and (where it has one) a refused path. */
const CASES: Record<string, readonly Case[]> = {
  compare: [
    { args: ["--baseline", FILE, "--contender", FILE], names: ["--baseline", FILE] },
    { args: ["--baseline", MISSING, "--contender", FILE], names: ["--baseline", MISSING] },
  ],
  legs: [
    {
      args: [
        "--jobs",
        `${MISSING}.json`,
        "--matrix",
        '{"include":[]}',
        "--started",
        "2026-12-07T03:17:00Z",
      ],
      names: [`${MISSING}.json`],
    },
    {
      args: [
        "--jobs",
        `${FILE}/jobs.json`,
        "--matrix",
        '{"include":[]}',
        "--started",
        "2026-12-07T03:17:00Z",
      ],
      names: [`${FILE}/jobs.json`],
    },
  ],
  pull: [
    {
      args: ["model", "fake/x", "--lock", `${FILE}/hub.lock.json`, "--offline"],
      names: ["--lock", `${FILE}/hub.lock.json`],
    },
  ],
  shapes: [
    {
      args: ["list", "--catalog", `${FILE}/shapes.json`],
      names: ["--catalog", `${FILE}/shapes.json`],
    },
    {
      args: ["list", "--catalog", `models/${MISSING}/shapes.json`],
      names: ["--catalog", `models/${MISSING}/shapes.json`],
    },
  ],
  machines: [
    { args: ["--file", `${FILE}/machines.json`], names: ["--file", `${FILE}/machines.json`] },
    { args: ["--file", `${MISSING}.json`], names: [`${MISSING}.json`] },
    {
      args: ["--file", "/etc/machines.json"],
      names: ["/etc/machines.json", "may not read"],
      refused: true,
    },
  ],
  tasks: [
    { args: ["--tasks-dir", FILE], names: ["--tasks-dir", FILE] },
    { args: ["--tasks-dir", MISSING], names: ["--tasks-dir", MISSING] },
    { args: ["--datasets", FILE], names: ["--datasets", FILE] },
    { args: ["--datasets", MISSING], names: ["--datasets", MISSING] },
  ],
  datasets: [
    { args: ["--out", FILE], names: ["--out", FILE] },
    { args: ["--check", "--out", MISSING], names: ["--out", MISSING] },
    { args: ["--out", REFUSED], names: ["--out", REFUSED, "may not write"], refused: true },
  ],
  pairs: [
    { args: ["--out", FILE], names: ["--out", FILE] },
    { args: ["--out", ".tmp/pairs-x", "--tasks-dir", MISSING], names: ["--tasks-dir", MISSING] },
    { args: ["--out", REFUSED], names: ["--out", REFUSED, "may not write"], refused: true },
  ],
  score: [
    {
      args: ["--metric", "bleu", "--predictions", `${FILE}/p.txt`, "--references", FILE],
      names: [`${FILE}/p.txt`],
    },
    {
      args: ["--metric", "bleu", "--predictions", `${MISSING}.txt`, "--references", FILE],
      names: [`${MISSING}.txt`],
    },
  ],
  generate: [
    { args: ["--model", FILE, "--prompt", "hi"], names: ["--model", FILE] },
    { args: ["--model", MISSING, "--prompt", "hi"], names: ["--model", MISSING] },
    { args: ["--model", "models/x", "--input", MISSING], names: ["--input", MISSING] },
  ],
  // No refused --out: `deno task eval` grants its --out folder at launch (src/cli/launch.ts).
  eval: [
    { args: ["--out", FILE], names: ["--out", FILE] },
    { args: ["--models-dir", MISSING, "--dry-run"], names: ["--models-dir", MISSING] },
  ],
  list: [
    { args: ["--models-dir", FILE], names: ["--models-dir", FILE] },
    { args: ["--models-dir", MISSING], names: ["--models-dir", MISSING] },
    { args: ["--datasets-dir", FILE], names: ["--datasets-dir", FILE] },
    { args: ["--datasets-dir", MISSING], names: ["--datasets-dir", MISSING] },
  ],
  merge: [
    { args: [FILE], names: [FILE] },
    { args: [MISSING], names: [MISSING] },
    { args: ["tests/fixtures", "--out", FILE], names: ["--out", FILE] },
    {
      args: ["tests/fixtures", "--out", REFUSED],
      names: ["--out", REFUSED, "may not write"],
      refused: true,
    },
    { args: ["tests/fixtures", "--lock-timeout", "0"], names: ["--lock-timeout", "0"] },
  ],
  export: [
    { args: ["--results", FILE], names: ["--results", FILE] },
    { args: ["--results", MISSING], names: ["--results", MISSING] },
    { args: ["--out", FILE], names: ["--out", FILE] },
    { args: ["--out", REFUSED], names: ["--out", REFUSED, "may not write"], refused: true },
  ],
  report: [
    { args: ["--results", FILE], names: ["--results", FILE] },
    { args: ["--results", MISSING], names: ["--results", MISSING] },
  ],
  site: [
    { args: ["--results", FILE], names: ["--results", FILE] },
    { args: ["--results", MISSING], names: ["--results", MISSING] },
    { args: ["--out", FILE], names: ["--out", FILE] },
    { args: ["--models", MISSING], names: ["--models", MISSING] },
    { args: ["--models", FILE], names: ["--models", FILE] },
  ],
  serve: [
    { args: ["--build", "--results", FILE], names: ["--results", FILE] },
    { args: ["--build", "--results", MISSING], names: ["--results", MISSING] },
  ],
};

Deno.test("every CLI task has path cases", () => {
  for (const name of cliTasks) assert.ok(CASES[name], `no path cases for deno task ${name}`);
});

/** Runs a case: through `deno task` when the sandbox refuses it, else `main` in this process. */
async function runCase(name: string, c: Case): Promise<CliResult> {
  if (c.refused) return await task(name, c.args);
  const module = await import(`${ROOT}/src/cli/${cliOf.get(name)}.ts`) as { main: CliMain };
  return await runInProcess(module.main, c.args);
}

for (const name of cliTasks) {
  for (const c of CASES[name] ?? []) {
    const how = c.refused ? "deno task" : "main of deno task";
    Deno.test(`${how} ${name} ${c.args.join(" ")}: one error line naming it, exit 2`, async () => {
      const out = await runCase(name, c);
      assert.equal(out.code, 2, `exit ${out.code}; stderr: ${out.stderr.slice(0, 600)}`);
      const lines = out.stderr.trimEnd().split("\n").filter((l) => !l.startsWith("warning: "));
      assert.equal(lines.length, 1, out.stderr);
      assert.match(lines[0] as string, /^error: /);
      for (const n of c.names) assert.ok(lines[0]?.includes(n), `"${n}" not in: ${lines[0]}`);
    });
  }
}
