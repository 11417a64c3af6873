import { assert, assertEquals } from "../report/_assert.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

async function task(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stderr: dec.decode(out.stderr), stdout: dec.decode(out.stdout) };
}

Deno.test("deno task site: a missing results folder is one error line and exit 2", async () => {
  const r = await task(["site", "--results", "/nonexistent-eb", "--out", "leaderboard/dist"]);
  assertEquals(r.code, 2);
  const lines = r.stderr.trim().split("\n").filter((l) => l.startsWith("error:"));
  assertEquals(lines, ['error: --results: not a folder: "/nonexistent-eb"']);
});

Deno.test("deno task serve: bad flags are one error line and exit 2", async () => {
  for (const args of [["--port", "abc"], ["--bogus"]]) {
    const r = await task(["serve", ...args]);
    assertEquals(r.code, 2, args.join(" "));
    assert.ok(/^error: /m.test(r.stderr), r.stderr);
    assertEquals(r.stdout, "");
  }
});
