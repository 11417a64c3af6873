import { assert, assertEquals, assertThrows } from "../results/_assert.ts";
import { actionsMatrix, loadMachines, parseMachines } from "../../src/targets/machines.ts";
import { ConfigError } from "../../src/core/errors.ts";

const FILE = new URL("../../leaderboard/machines.json", import.meta.url).pathname;

Deno.test("machines.json: the shipped list is valid and names the issue's machines", async () => {
  const machines = await loadMachines(FILE);
  assertEquals(machines.map((m) => m.id), [
    "ubuntu-24.04",
    "macos-15-arm64",
    "windows-2025",
    "linux-cuda12",
    "windows-arm64-npu",
  ]);
  const byId = new Map(machines.map((m) => [m.id, m]));
  assertEquals(byId.get("ubuntu-24.04")?.targets, ["cpu", "cpu-1t", "webgpu"]);
  assertEquals(byId.get("linux-cuda12")?.runsOn, ["self-hosted", "linux", "x64", "cuda12"]);
  assertEquals(machines.filter((m) => m.gating).map((m) => m.id), ["linux-cuda12"]);
});

function list(machines: unknown[]): unknown {
  return { machines };
}
const ok = { id: "a", runsOn: ["ubuntu-24.04"], targets: ["cpu"], gating: false, note: "" };

Deno.test("machines: unknown targets, duplicate ids and schema errors name file, field and value", () => {
  const cases: [unknown, RegExp][] = [
    [
      list([{ ...ok, targets: ["cpu", "tpu"] }]),
      /m\.json: field "machines\.0\.targets\.1" = "tpu": unknown target/,
    ],
    [list([ok, { ...ok }]), /field "machines\.1\.id" = "a": duplicate machine id/],
    [list([{ ...ok, id: "Bad Id" }]), /field "machines\.0\.id" = "Bad Id"/],
    [list([{ ...ok, gating: "yes" }]), /field "machines\.0\.gating" = "yes"/],
    [list([{ ...ok, extra: 1 }]), /field "machines\.0\.extra"/],
    [
      list([{ id: "a", runsOn: ["x"], targets: ["cpu"], gating: true }]),
      /field "machines\.0\.note"/,
    ],
    [list([]), /field "machines"/],
  ];
  for (const [value, re] of cases) {
    const err = assertThrows(() => parseMachines(value, "m.json"), ConfigError);
    assert(re.test(err.message), `${err.message} !~ ${re}`);
    assert(!err.message.includes("\n"));
  }
});

Deno.test("machines: the Actions matrix leaves optional machines out unless named", () => {
  const ms = parseMachines(
    list([ok, { ...ok, id: "b", runsOn: ["self-hosted", "gpu"], optional: true, gating: true }]),
    "m.json",
  );
  assertEquals(actionsMatrix(ms), {
    include: [{
      machine: "a",
      "runs-on": "ubuntu-24.04",
      targets: "cpu",
      gating: false,
      timeout: 300,
      queue_timeout: 120,
    }],
  });
  assertEquals(actionsMatrix(ms, ["b"]).include, [{
    machine: "b",
    "runs-on": ["self-hosted", "gpu"],
    targets: "cpu",
    gating: true,
    timeout: 300,
    queue_timeout: 120,
  }]);
  const late = parseMachines(list([{ ...ok, queueTimeoutMinutes: 30 }]), "m.json");
  assertEquals(actionsMatrix(late).include[0]?.queue_timeout, 30);
  assert(
    assertThrows(() => actionsMatrix(ms, ["zzz"]), ConfigError).message.includes("unknown machine"),
  );
});
