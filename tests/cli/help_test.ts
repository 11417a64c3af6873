/**
 * Every `deno task` entry point prints its help with exactly the permissions
 * deno.json gives it (a permission missing for `--help` is a bug users hit first),
 * and docs/cli.md names every flag that help lists.
 */
import assert from "node:assert/strict";
import { ROOT, task } from "./_run.ts";

const config = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.json`)) as {
  tasks: Record<string, string>;
};
const cliDoc = await Deno.readTextFile(`${ROOT}/docs/cli.md`);

/** The long flags a commander help text lists (`--help` aside). */
function helpFlags(help: string): string[] {
  const flags = [...help.matchAll(/^\s+(?:-[A-Za-z], )?(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]!);
  return flags.filter((f) => f !== "--help");
}

const cliTasks = Object.entries(config.tasks)
  // The CLI a task runs (src/cli/launch.ts only starts another: `bench` runs no CLI).
  .filter(([, command]) => /src\/cli\/(?!launch\.ts)[a-z_]+\.ts/.test(command))
  .map(([name]) => name)
  .sort();

Deno.test("deno.json has a task for every documented CLI", () => {
  for (const name of ["tasks", "datasets", "pairs", "score", "generate", "eval", "list"]) {
    assert.ok(cliTasks.includes(name), `deno.json has no "${name}" task running src/cli/`);
  }
});

for (const name of cliTasks) {
  Deno.test(`deno task ${name} --help prints usage and exits 0 with its own permissions`, async () => {
    const out = await task(name, ["--help"]);
    assert.equal(out.code, 0, `exit ${out.code}; stderr: ${out.stderr.slice(0, 400)}`);
    assert.match(out.stdout, /Usage: /);
    const flags = helpFlags(out.stdout);
    assert.ok(flags.length > 0 || !out.stdout.includes("Options:"), out.stdout);
    const missing = flags.filter((f) => !new RegExp(`(^|[^a-z-])${f}(?![a-z-])`, "m").test(cliDoc));
    assert.deepEqual(missing, [], `docs/cli.md does not name these flags of ${name}`);
  });
}
