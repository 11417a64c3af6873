import { assert, assertEquals } from "../results/_assert.ts";
import { runCli } from "./_run.ts";

const PERMS = ["--allow-read=."];

Deno.test("deno task machines --json prints the Actions matrix of machines.json", async () => {
  const r = await runCli("machines", PERMS, ["--json"]);
  assertEquals(r.code, 0, r.stderr);
  const matrix = JSON.parse(r.stdout);
  const ids = matrix.include.map((m: { machine: string }) => m.machine);
  assertEquals(ids, ["ubuntu-24.04", "macos-15-arm64", "windows-2025", "linux-cuda12"]);
  const cuda = matrix.include.find((m: { machine: string }) => m.machine === "linux-cuda12");
  assertEquals(cuda["runs-on"], ["self-hosted", "linux", "x64", "cuda12"]);
  assertEquals(cuda.gating, true);
  const only = await runCli("machines", PERMS, ["--json", "--only", "windows-arm64-npu"]);
  assertEquals(JSON.parse(only.stdout).include[0].targets, "qnn");
  const table = await runCli("machines", PERMS, []);
  assertEquals(table.code, 0);
  assert(table.stdout.includes("windows-arm64-npu") && table.stdout.includes("on request"));
});

Deno.test("deno task machines: a bad list is one line naming file, field and value, exit 2", async () => {
  const dir = await Deno.makeTempDir({ dir: ".", prefix: ".tmp-machines-" });
  try {
    const file = `${dir}/m.json`;
    const m = { id: "x", runsOn: ["ubuntu-24.04"], targets: ["cpu"], gating: false, note: "" };
    await Deno.writeTextFile(file, JSON.stringify({ machines: [m, { ...m, targets: ["gpu9"] }] }));
    const r = await runCli("machines", PERMS, ["--json", "--file", file]);
    assertEquals(r.code, 2);
    assertEquals(r.stdout, "");
    assertEquals(r.stderr.trim().split("\n").length, 1);
    assert(
      r.stderr.includes('m.json: field "machines.1.id" = "x": duplicate machine id'),
      r.stderr,
    );
    await Deno.writeTextFile(file, JSON.stringify({ machines: [{ ...m, targets: ["gpu9"] }] }));
    const r2 = await runCli("machines", PERMS, ["--file", file]);
    assertEquals(r2.code, 2);
    assert(r2.stderr.includes('"machines.0.targets.0" = "gpu9": unknown target'), r2.stderr);
    const r3 = await runCli("machines", PERMS, ["--bogus"]);
    assertEquals(r3.code, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
