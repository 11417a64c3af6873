import { assert, assertEquals } from "../results/_assert.ts";
import { ROOT, runCli } from "./_run.ts";
import { writeStore } from "./_store.ts";

Deno.test("deno task report prints quality with CIs, efficiency per target and measured ratios", async () => {
  const results = await Deno.makeTempDir();
  await writeStore(results);
  const r = await runCli("report", ["--allow-read"], ["--results", results]);
  assertEquals(r.code, 0, r.stderr);
  for (const id of ["ed", "dec", "ed-kd"]) {
    assert(new RegExp(`^\\S+\\s+${id}\\s`, "m").test(r.stdout), id);
  }
  assert(r.stdout.includes("50.0 [40.0, 60.0]"), r.stdout);
  assert(r.stdout.includes("cpu TTFT ms") && r.stdout.includes("cpu-1t TTFT ms"), r.stdout);
  assert(/Encoder-decoder against decoder-only[\s\S]*cpu-1t\s+ed\s/.test(r.stdout), r.stdout);
  assert(/ed-kd\s+ed\s+squad/.test(r.stdout), r.stdout);
});

Deno.test("deno task report: an empty store is a one-line error with exit code 2", async () => {
  const empty = await Deno.makeTempDir();
  const r = await runCli("report", ["--allow-read"], ["--results", empty]);
  assertEquals(r.code, 2);
  assertEquals(r.stderr.trim().split("\n").length, 1);
});

Deno.test("eval, merge, export and report need no network permission", async () => {
  const tasks = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.json`)).tasks as Record<
    string,
    string
  >;
  for (const name of ["eval", "list", "merge", "export", "report"]) {
    const cmd = tasks[name] ?? "";
    assert(cmd.includes(`src/cli/${name}.ts`), name);
    assert(!/--allow-net|--allow-all|\s-A\b/.test(cmd), `${name}: ${cmd}`);
  }
  assert(tasks.eval!.includes("--allow-write=@out,@temp"), tasks.eval);
});
