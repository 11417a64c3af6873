/**
 * A `deno task` that loads ONNX Runtime writes nothing outside its grants: no telemetry store
 * in `~/.cache/Microsoft/...` and no `mat-debug-<pid>.log` in the temp folder (issue 29, item 6;
 * docs/notes/onnxruntime_files.md).
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url).pathname;

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
    const out = await new Deno.Command("deno", {
      args: ["task", "-q", "list", "--json"],
      cwd: ROOT,
      env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const written = [...await filesUnder(home), ...await filesUnder(tmp)];
    assert.deepEqual(written.filter((f) => /Microsoft|onnxruntime|mat-debug|\.ses$/.test(f)), []);
  } finally {
    await Deno.remove(home, { recursive: true });
    await Deno.remove(tmp, { recursive: true });
  }
});
