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

Deno.test("deno task legs: the legs of a run from its jobs; bad flags are one line, exit 2", async () => {
  const dir = await Deno.makeTempDir({ dir: ".", prefix: ".tmp-legs-" });
  try {
    const jobs = `${dir}/jobs.json`;
    await Deno.writeTextFile(
      jobs,
      JSON.stringify({
        jobs: [
          {
            name: "run (a)",
            status: "completed",
            conclusion: "success",
            created_at: "2026-12-07T03:17:00Z",
          },
          {
            name: "run (b)",
            status: "queued",
            conclusion: null,
            created_at: "2026-12-07T03:17:00Z",
          },
        ],
      }),
    );
    const matrix = JSON.stringify({
      include: [
        { machine: "a", gating: false, queue_timeout: 120 },
        { machine: "b", gating: true, queue_timeout: 60 },
      ],
    });
    const base = ["--jobs", jobs, "--matrix", matrix, "--started", "2026-12-07T03:17:00Z"];
    const waiting = await runCli("legs", PERMS, [...base, "--now", "2026-12-07T04:00:00Z"]);
    assertEquals(waiting.code, 0, waiting.stderr);
    assertEquals(JSON.parse(waiting.stdout).waiting, true);
    const late = await runCli("legs", PERMS, [
      ...base,
      "--now",
      "2026-12-07T04:30:00Z",
      "--format",
      "md",
    ]);
    assertEquals(late.code, 0, late.stderr);
    assert(late.stdout.includes("| b | gating | no runner after 73 min"), late.stdout);
    for (
      const bad of [["--started", "yesterday"], ["--matrix", "{"], ["--jobs", `${dir}/none.json`]]
    ) {
      const args = [...base];
      args[args.indexOf(bad[0]!) + 1] = bad[1]!;
      const r = await runCli("legs", PERMS, args);
      assertEquals(r.code, 2, r.stderr);
      assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert(r.stderr.includes(bad[0]!.startsWith("--jobs") ? "none.json" : bad[0]!), r.stderr);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
