import { assertEquals } from "../results/_assert.ts";
import { hardwareId, machineId } from "../../src/core/target.ts";

Deno.test("machineId and hardwareId: CPU model and cores, then the target's device class", () => {
  const env = { cpu: "AMD EPYC", cores: 2 };
  assertEquals(machineId(env), "AMD EPYC:2");
  assertEquals(hardwareId({ device: "cpu" }, env), "cpu:AMD EPYC:2");
  assertEquals(hardwareId({ device: "gpu" }, env), "gpu:AMD EPYC:2");
});
