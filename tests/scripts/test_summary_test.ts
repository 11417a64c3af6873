/** scripts/test_summary.sh: the summary line of scripts/test.sh, and CI's rule on ignored tests. */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url).pathname;

async function summary(
  log: string,
  rc: number,
  ci: string | undefined,
): Promise<{ code: number; stdout: string }> {
  const path = await Deno.makeTempFile();
  await Deno.writeTextFile(path, log);
  const env: Record<string, string> = { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" };
  if (ci !== undefined) env.CI = ci;
  const out = await new Deno.Command("bash", {
    args: [`${ROOT}scripts/test_summary.sh`, path, String(rc)],
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  await Deno.remove(path);
  return { code: out.code, stdout: new TextDecoder().decode(out.stdout).trim() };
}

const WITH_IGNORED =
  "x ... ok\n\x1b[0m\x1b[32mok\x1b[0m | 352 passed | 0 failed | 1 ignored (3s)\n";

Deno.test("test summary prints the ignored count as skipped", async () => {
  assert.deepEqual(await summary(WITH_IGNORED, 0, undefined), {
    code: 0,
    stdout: "352 passed, 0 failed, 1 skipped",
  });
  assert.deepEqual(await summary("ok | 3 passed | 0 failed (1s)\n", 0, "true"), {
    code: 0,
    stdout: "3 passed, 0 failed, 0 skipped",
  });
});

Deno.test("test summary reads the closing line of a --parallel run (per-file prefixed lines)", async () => {
  const log = [
    "./tests/a_test.ts => x ... \x1b[0m\x1b[32mok\x1b[0m (3ms)",
    "./tests/b_test.ts => y ... \x1b[0m\x1b[31mFAILED\x1b[0m (9ms)",
    "",
    "\x1b[0m\x1b[31mFAILED\x1b[0m | 73 passed (4 steps) | 1 failed | 2 ignored \x1b[0m(18s)",
    "",
  ].join("\n");
  assert.deepEqual(await summary(log, 1, undefined), {
    code: 1,
    stdout: "73 passed, 1 failed, 2 skipped",
  });
});

Deno.test("test summary fails on ignored tests when CI is any truthy value", async () => {
  for (const ci of ["true", "1", "yes"]) {
    const r = await summary(WITH_IGNORED, 0, ci);
    assert.equal(r.code, 1, `CI=${ci}`);
    assert.equal(r.stdout, "352 passed, 1 failed, 1 skipped");
  }
  for (const ci of ["", "0", "false"]) assert.equal((await summary(WITH_IGNORED, 0, ci)).code, 0);
});

Deno.test("test summary: a failed run with no failed count, or no summary at all, fails", async () => {
  assert.equal(
    (await summary("FAILED | 10 passed | 2 failed\n", 1, undefined)).stdout,
    "10 passed, 2 failed, 0 skipped",
  );
  assert.equal((await summary("error: type check\n", 1, undefined)).code, 1);
  assert.equal((await summary("nothing\n", 0, undefined)).code, 1);
});
