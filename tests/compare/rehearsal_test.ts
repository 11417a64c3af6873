/**
 * The rehearsal of a hardware run, offline: three machine folders made from
 * fixture records with different hardware -> `deno task merge` -> `deno task
 * compare` -> `deno task site`, with the real CLIs and their permissions.
 */
import { assert, assertEquals } from "../results/_assert.ts";
import { runCli } from "../cli/_run.ts";
import { fixtureKey, MACHINES, writeMachineRun } from "./_machines.ts";

const [UBUNTU, MACOS, CUDA] = MACHINES as [
  (typeof MACHINES)[0],
  (typeof MACHINES)[0],
  (typeof MACHINES)[0],
];

function stamp(day: number): string {
  return `2026-11-${String(day).padStart(2, "0")}T03:17:00Z`;
}

async function merge(into: string, dirs: string[]): Promise<void> {
  const r = await runCli("merge", ["--allow-read", `--allow-write=${into}`], [
    ...dirs,
    "--out",
    into,
  ]);
  assertEquals(r.code, 0, r.stderr);
}

async function compare(baseline: string, contender: string) {
  const r = await runCli("compare", ["--allow-read"], [
    "--baseline",
    baseline,
    "--contender",
    contender,
    "--format",
    "json",
  ]);
  assert(r.code === 0 || r.code === 1, r.stderr);
  return { code: r.code, report: JSON.parse(r.stdout), stderr: r.stderr };
}

/** A store with three weekly runs of every machine (noise inside the thresholds). */
async function history(root: string): Promise<string> {
  const store = `${root}/store`;
  const dirs: string[] = [];
  for (const [w, noise] of [[1, 1], [8, 1.05], [15, 0.97]] as const) {
    for (const m of MACHINES) {
      const dir = `${root}/hist-${w}-${m.id}`;
      await writeMachineRun(dir, m, stamp(w), { noise });
      dirs.push(dir);
    }
  }
  await merge(store, dirs);
  return store;
}

Deno.test("rehearsal: machines -> merge -> compare -> site", async (t) => {
  const root = await Deno.makeTempDir({ prefix: "eb-rehearsal-" });
  try {
    const store = await history(root);

    await t.step("noise inside the thresholds exits 0", async () => {
      const dirs = [];
      for (const m of MACHINES) {
        const dir = `${root}/noise-${m.id}`;
        await writeMachineRun(dir, m, stamp(22), { noise: 1.1 });
        dirs.push(dir);
      }
      const contender = `${root}/noise`;
      await merge(contender, dirs);
      const { code, report } = await compare(store, contender);
      assertEquals(code, 0, JSON.stringify(report.findings, null, 1));
      assertEquals(report.regressions, 0);
      assertEquals(report.suspicious, 0);
      assertEquals(report.comparable, 8);
    });

    await t.step("a single 1.5x TTFT run is suspicious and exits 0", async () => {
      const dir = `${root}/once-ubuntu`;
      await writeMachineRun(dir, UBUNTU, stamp(22), { slow: { targets: ["cpu"], factor: 1.5 } });
      const { code, report } = await compare(store, dir);
      assertEquals(code, 0);
      const sus = report.findings.filter((f: { verdict: string }) => f.verdict === "suspicious");
      assertEquals(sus.map((f: { cellKey: string }) => f.cellKey), [
        fixtureKey(UBUNTU, "l", "cpu"),
      ]);
      assert(sus[0].detail.includes("ttft"), sus[0].detail);
    });

    await t.step(
      "a slowdown confirmed over two runs and a quality drop exit 1, naming both cells",
      async () => {
        // week 22: ubuntu cpu slow once (merged into the store, as the workflow would)
        const w22 = `${root}/w22-ubuntu`;
        await writeMachineRun(w22, UBUNTU, stamp(22), { slow: { targets: ["cpu"], factor: 1.5 } });
        const store2 = `${root}/store2`;
        await merge(store2, [store, w22]);
        // week 29: slow again on ubuntu; macos's predictions changed on one cell
        const dirs = [`${root}/w29-ubuntu`, `${root}/w29-macos`, `${root}/w29-cuda`];
        await writeMachineRun(dirs[0]!, UBUNTU, stamp(29), {
          slow: { targets: ["cpu"], factor: 1.5 },
        });
        await writeMachineRun(dirs[1]!, MACOS, stamp(29), { worse: true });
        await writeMachineRun(dirs[2]!, CUDA, stamp(29));
        const contender = `${root}/w29`;
        await merge(contender, dirs);
        const { code, report } = await compare(store2, contender);
        assertEquals(code, 1);
        const regs = report.findings.filter((f: { verdict: string }) => f.verdict === "regression");
        assertEquals(
          regs.map((f: { kind: string; cellKey: string }) => [f.kind, f.cellKey]).sort(),
          [
            ["quality", fixtureKey(MACOS, "q", "cpu")],
            ["speed", fixtureKey(UBUNTU, "l", "cpu")],
          ].sort(),
        );
        const quality = regs.find((f: { kind: string }) => f.kind === "quality");
        assertEquals(quality.changedOutputs, 30);
        assert(quality.pValue < 0.01 && quality.deltaPoints <= -1);
        // Markdown for the job summary names both cells.
        const md = await runCli("compare", ["--allow-read"], [
          "--baseline",
          store2,
          "--contender",
          contender,
        ]);
        assertEquals(md.code, 1);
        assert(md.stdout.includes("**2 regression(s)**"), md.stdout);
        assert(
          md.stdout.includes("encdec-330m / squad / cpu [latency] @ cpu:AMD EPYC 7763:4"),
          md.stdout,
        );
        assert(md.stdout.includes("@ cpu:Apple M1 (Virtual):3"), md.stdout);

        // The site built from the merged store shows every machine's targets.
        const all = `${root}/all`;
        await merge(all, [store2, contender]);
        const dist = `${root}/dist`;
        const site = await runCli("site", [
          "--allow-read",
          `--allow-write=${root}`,
          "--allow-env",
        ], ["--results", all, "--out", dist]);
        assertEquals(site.code, 0, site.stderr);
        const page = await Deno.readTextFile(`${dist}/targets/index.html`);
        for (const id of ["cpu", "cpu-1t", "coreml", "cuda"]) {
          assert(page.includes(`>${id}<`), `targets page lacks ${id}`);
        }
      },
    );

    await t.step(
      "a hardware change is named and not compared; a lost target is missing",
      async () => {
        const dir = `${root}/moved`;
        // the cuda machine's records now come from a different CPU: not comparable
        await writeMachineRun(dir, { ...CUDA, cpu: "AMD EPYC 9654", id: "cuda" }, stamp(22));
        const lost = `${root}/lost`;
        await writeMachineRun(lost, { ...MACOS, targets: [MACOS.targets[0]!] }, stamp(22));
        const moved = await compare(store, dir);
        assertEquals(moved.code, 0);
        assert(
          moved.report.notComparable.some((n: { reason: string }) =>
            n.reason.startsWith(
              "hardware changed: gpu:Intel Xeon Gold 6338:8 -> gpu:AMD EPYC 9654:8",
            )
          ),
          JSON.stringify(moved.report.notComparable),
        );
        const missing = await compare(store, lost);
        assertEquals(missing.code, 1);
        const m = missing.report.findings.filter((f: { kind: string }) => f.kind === "missing");
        assertEquals(m.length, 1);
        assert(m[0].label.startsWith("coreml @"));
      },
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
