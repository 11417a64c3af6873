/**
 * `src/cli/launch.ts`: the write grants of `deno task eval` and `bench` are worked out at
 * launch (`--out`, this user's temp folder under TMPDIR), the command gets exactly those, and
 * its exit code and signals pass through.
 */
import { assertEquals, assertThrows } from "../results/_assert.ts";
import { launchArgs } from "../../src/cli/launch.ts";
import { UsageError } from "../../src/cli/_errors.ts";
import { benchTmpRoot, osTempDir } from "../../src/scheduler/tmp_root.ts";
import { ROOT } from "./_run.ts";

Deno.test("launchArgs replaces @out, @temp and @systemp and nothing else", () => {
  const run = (line: string[]) => launchArgs(line);
  assertEquals(
    run(["--allow-read", "--allow-write=@out,@temp", "e.ts", "--out", "a", "--out=b/c", "x"]),
    [
      "run",
      "--allow-read",
      `--allow-write=b/c,${benchTmpRoot()}`,
      "e.ts",
      "--out",
      "a",
      "--out=b/c",
      "x",
    ],
  );
  // Without --out: the results store; the command's own arguments stay as they are.
  assertEquals(run(["--allow-write=@out,@systemp", "e.ts", "@temp"]), [
    "run",
    `--allow-write=leaderboard/results,${osTempDir()}`,
    "e.ts",
    "@temp",
  ]);
  assertThrows(() => run(["--allow-write=@out", "e.ts", "--out", "a,b"]), UsageError);
  assertThrows(() => run(["--allow-read"]), UsageError);
});

Deno.test("the launched command writes only where it was granted; exit code and SIGTERM pass through", async () => {
  const dir = await Deno.makeTempDir();
  const out = `${dir}/out`;
  const script = `${dir}/probe.ts`;
  await Deno.writeTextFile(
    script,
    `
    const [mode, out, other] = Deno.args;
    if (mode === "wait") Deno.addSignalListener("SIGTERM", () => Deno.exit(42));
    const can = (p: string) => Deno.permissions.querySync({ name: "write", path: p }).state;
    console.log(JSON.stringify([can(out), can(Deno.env.get("TMPDIR") + "/encoder-bench-" + Deno.uid() + "/x"), can(other)]));
    if (mode === "wait") setTimeout(() => {}, 60_000);
    else Deno.exit(7);
    `,
  );
  const launch = (mode: string, stdout: "piped" | "null"): Deno.ChildProcess =>
    new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        "--allow-read",
        "--allow-env=TMPDIR",
        "--allow-sys=uid",
        "--allow-run=deno",
        `${ROOT}/src/cli/launch.ts`,
        "--quiet",
        "--allow-write=@out,@temp",
        "--allow-env=TMPDIR",
        "--allow-sys=uid",
        script,
        mode,
        out,
        `${dir}/elsewhere`,
        "--out",
        out,
      ],
      env: { TMPDIR: dir },
      stdout,
      stderr: "inherit",
    }).spawn();
  const exited = launch("exit", "null");
  assertEquals((await exited.status).code, 7);
  const waiting = launch("wait", "piped");
  const reader = waiting.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let line = "";
  while (!line.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    line += value;
  }
  assertEquals(JSON.parse(line), ["granted", "granted", "prompt"]);
  waiting.kill("SIGTERM");
  assertEquals((await waiting.status).code, 42);
  await reader.cancel().catch(() => {});
  await Deno.remove(dir, { recursive: true });
});
