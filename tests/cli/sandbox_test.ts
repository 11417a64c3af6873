/**
 * A `deno task` that loads ONNX Runtime writes nothing outside its grants: no telemetry store
 * in `~/.cache/Microsoft/...` and no `mat-debug-<pid>.log` in the temp folder (issue 29, item 6;
 * docs/notes/onnxruntime_files.md).
 */
import assert from "node:assert/strict";
import { ROOT, task } from "./_run.ts";

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) out.push(...await filesUnder(path));
    else out.push(path);
  }
  return out;
}

Deno.test("deno task list (ONNX Runtime probes) writes no telemetry files to HOME or TMPDIR", async () => {
  const home = await Deno.makeTempDir();
  const tmp = await Deno.makeTempDir();
  try {
    const denoDir = Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`;
    // A clean environment: the variables of the test runner (ORT_DISABLE_TELEMETRY, CI) must
    // not stand in for the task's own.
    const env: Record<string, string> = {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: home,
      TMPDIR: tmp,
      DENO_DIR: denoDir,
    };
    const out = await task("list", ["--json"], { env, clearEnv: true });
    assert.equal(out.code, 0, out.stderr);
    const written = [...await filesUnder(home), ...await filesUnder(tmp)];
    assert.deepEqual(written.filter((f) => /Microsoft|onnxruntime|mat-debug|\.ses$/.test(f)), []);
  } finally {
    await Deno.remove(home, { recursive: true });
    await Deno.remove(tmp, { recursive: true });
  }
});

/** Each `deno task` command of deno.json, by name. */
function taskCommands(): Record<string, string> {
  return (JSON.parse(Deno.readTextFileSync(`${ROOT}/deno.json`)) as {
    tasks: Record<string, string>;
  }).tasks;
}

/** The grants that reach past the write list (docs/method.md), by task: `--allow-run` etc. */
function escapeGrants(command: string): string[] {
  return [...new Set(command.match(/--allow-(?:run|ffi|net|all)\b/g) ?? [])].sort();
}

Deno.test("docs/method.md names every task that holds --allow-run, --allow-ffi, --allow-net or --allow-all", async () => {
  const held = Object.entries(taskCommands())
    .map(([name, command]) => [name, escapeGrants(command)] as const)
    .filter(([, grants]) => grants.length > 0);
  const method = await Deno.readTextFile(`${ROOT}/docs/method.md`);
  const section = method.slice(method.indexOf("**What the permissions do not bind.**"));
  const table = section.slice(0, section.indexOf("\n\n", section.indexOf("\n|")));
  const rows = [...table.matchAll(/^\| `([\w-]+)` +\|([^|]*)\|/gm)]
    .map(([, name, grants]) => [name!, escapeGrants(grants!)] as const);
  assert.ok(held.length >= 5, JSON.stringify(held)); // eval, compare, list, serve, bench at least
  assert.deepEqual(
    Object.fromEntries(rows),
    Object.fromEntries(held),
    "docs/method.md's table of grants that step round the sandbox differs from deno.json",
  );
});

Deno.test("no deno task may write anywhere: every --allow-write names its folders", () => {
  for (const [name, command] of Object.entries(taskCommands())) {
    assert.doesNotMatch(command, /--allow-write(?!=)/, `${name}: ${command}`);
    assert.doesNotMatch(command, /(^|\s)-A(\s|$)/, `${name}: ${command}`);
  }
});

/** The site and serve tasks write the built site and its staging folders beside it, no more. */
const SITE_GRANT = "leaderboard/dist,leaderboard/.dist.tmp,leaderboard/.dist.old";

Deno.test("site, serve and pairs write only their output folders", () => {
  const tasks = taskCommands();
  const writes = (name: string) => /--allow-write=(\S+)/.exec(tasks[name] ?? "")?.[1];
  assert.equal(writes("site"), SITE_GRANT);
  assert.equal(writes("serve"), SITE_GRANT);
  assert.equal(writes("pairs"), ".tmp");
});

Deno.test("site, serve and pairs refuse an output folder outside their grant in one line", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-grant-" });
  try {
    const runs: [string, string, string][] = [
      ["site", "--out", "leaderboard/dist, leaderboard/.dist.tmp, leaderboard/.dist.old"],
      ["serve", "--dist", "leaderboard/dist, leaderboard/.dist.tmp, leaderboard/.dist.old"],
      ["pairs", "--out", ".tmp"],
    ];
    await Promise.all(runs.map(async ([name, flag, granted]) => {
      const out = `${tmp}/${name}`;
      const r = await task(name, [flag, out, ...(name === "serve" ? ["--port", "0"] : [])]);
      assert.equal(r.code, 2, `${name}: ${r.stderr}`);
      assert.equal(
        r.stderr,
        `error: ${flag} ${out}: this command may not write there (\`deno task\` grants write ` +
          `access to ${granted} only); use a path inside them, or run the CLI with ` +
          `deno run --allow-write=PATH\n`,
      );
    }));
    assert.deepEqual([...Deno.readDirSync(tmp)], []);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
