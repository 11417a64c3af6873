/** The RAPL energy reader on a fake sysfs tree, and the latency pass's energy. @module */
import { assert, assertEquals } from "../results/_assert.ts";
import { counterDelta, energyMeter, NO_ENERGY, raplDomains } from "../../src/energy/mod.ts";
import type { GenerateRequest, LoadedModel } from "../../src/engine/types.ts";
import { runCell } from "../../src/scheduler/run_cell.ts";
import { validateCellRecord } from "../../src/results/mod.ts";
import { makeCell } from "../results/_fixtures.ts";
import { fakeModel } from "../scheduler/_fake_model.ts";
import { echoTask, fakeDeps, fakeSpec } from "../scheduler/_fake_deps.ts";

/** A fake powercap tree: two packages (one with a dram subzone) and a psys domain. */
async function fakeTree(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "eb-powercap-" });
  const zone = async (name: string, label: string, uj: number, max: number) => {
    await Deno.mkdir(`${root}/${name}`, { recursive: true });
    await Deno.writeTextFile(`${root}/${name}/name`, `${label}\n`);
    await Deno.writeTextFile(`${root}/${name}/energy_uj`, `${uj}\n`);
    await Deno.writeTextFile(`${root}/${name}/max_energy_range_uj`, `${max}\n`);
  };
  await zone("intel-rapl:0", "package-0", 1_000_000, 262_143_328_850);
  await zone("intel-rapl:0:0", "dram", 5_000, 65_712_999_613);
  await zone("intel-rapl:1", "package-1", 262_143_000_000, 262_143_328_850);
  await zone("intel-rapl:2", "psys", 0, 262_143_328_850);
  await Deno.writeTextFile(`${root}/intel-rapl:0:0/../README`, "not a zone");
  return root;
}

async function bump(root: string, zone: string, uj: number, max: number): Promise<void> {
  const p = `${root}/${zone}/energy_uj`;
  const v = Number((await Deno.readTextFile(p)).trim());
  await Deno.writeTextFile(p, `${(v + uj) % max}\n`);
}

Deno.test("rapl: package domains only, summed across a wraparound", async () => {
  const root = await fakeTree();
  try {
    assertEquals(raplDomains(root).map((d) => d.name), ["package-0", "package-1"]);
    const meter = energyMeter(root);
    meter.start();
    await bump(root, "intel-rapl:0", 3_000_000, 262_143_328_850);
    // package-1 wraps past max_energy_range_uj
    await bump(root, "intel-rapl:1", 2_000_000, 262_143_328_850);
    await bump(root, "intel-rapl:0:0", 9_000_000, 65_712_999_613); // dram: not counted
    meter.stop();
    const e = meter.result(50);
    assertEquals(e.method, "rapl");
    assert(Math.abs(e.joules! - 5) < 1e-9, String(e.joules));
    assert(Math.abs(e.joulesPerToken! - 0.1) < 1e-12);
    assertEquals(counterDelta(900, 100, 1000), 200);
    assertEquals(meter.result(0).joulesPerToken, null);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("rapl: missing or unreadable counters give method none, never an estimate", async () => {
  const missing = energyMeter("/nonexistent/powercap");
  missing.start();
  missing.stop();
  assertEquals(missing.result(10), NO_ENERGY);
  const root = await fakeTree();
  try {
    for (const z of ["intel-rapl:0", "intel-rapl:1", "intel-rapl:2"]) {
      await Deno.writeTextFile(`${root}/${z}/energy_uj`, "permission denied\n");
    }
    assertEquals(raplDomains(root), []);
    assertEquals(energyMeter(root).result(10), NO_ENERGY);
    // without packages, every readable top-level domain counts
    await Deno.writeTextFile(`${root}/intel-rapl:2/energy_uj`, "7\n");
    assertEquals(raplDomains(root).map((d) => d.name), ["psys"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("latency pass: the record's energy covers the timed runs only, not the warm-up", async () => {
  const root = await fakeTree();
  try {
    const base = fakeModel("encoder-decoder", 4096, [], () => "abcd");
    let calls = 0;
    // each generate call uses 1 J of package-0
    const model = {
      ...base,
      generate: async (reqs: GenerateRequest[], o: Parameters<LoadedModel["generate"]>[1]) => {
        calls++;
        await bump(root, "intel-rapl:0", 1_000_000, 262_143_328_850);
        return await base.generate(reqs, o);
      },
    } as LoadedModel;
    const deps = fakeDeps({
      loadModel: () => Promise.resolve(model),
      loadTask: () => Promise.resolve(echoTask(4)),
      energyMeter: () => energyMeter(root),
    });
    const spec = fakeSpec("latency", {
      settings: { latency: { warmupRuns: 3, minRuns: 5, minDurationS: 0 } },
    });
    const outcome = await runCell(spec, deps, () => {});
    assertEquals(calls, 8);
    const energy = outcome.efficiency!.energy!;
    assertEquals(energy.method, "rapl");
    assert(Math.abs(energy.joules! - 5) < 1e-9, `timed runs only: ${energy.joules}`);
    const tokens = 5 * outcome.efficiency!.outputTokens.mean;
    assert(Math.abs(energy.joulesPerToken! - 5 / tokens) < 1e-12);
    // the record with its energy passes the schema; so does method none
    validateCellRecord({ ...makeCell(), efficiency: { ...makeCell().efficiency!, energy } });
    validateCellRecord({
      ...makeCell(),
      efficiency: { ...makeCell().efficiency!, energy: NO_ENERGY },
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
