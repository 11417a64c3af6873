/**
 * Hardware targets: built-ins, user targets file validation (errors name file,
 * field and value), availability probing that reports instead of crashing,
 * session options, environment metadata.
 */
import assert from "node:assert/strict";
import { ConfigError } from "../../src/core/errors.ts";
import { resetWebgpuPrecheck, webgpuPrecheck } from "../../src/targets/probe.ts";
import {
  builtinTargets,
  environment,
  findTarget,
  loadTargetsFile,
  parseTargets,
  peakRssMiB,
  probeTargets,
  sessionOptions,
} from "../../src/targets/mod.ts";

Deno.test("builtin targets: the seven ids with device classes", () => {
  const t = builtinTargets();
  assert.deepEqual(t.map((x) => x.id), ["cpu", "cpu-1t", "cuda", "coreml", "dml", "webgpu", "qnn"]);
  assert.equal(findTarget("cpu-1t", t).session.intraOpNumThreads, 1);
  assert.equal(findTarget("qnn", t).device, "npu");
  assert.throws(() => findTarget("tpu", t), /unknown target; known: cpu, cpu-1t/);
});

Deno.test("session options: providers and settings, no silent CPU fallback", () => {
  const o = sessionOptions(findTarget("cpu-1t", builtinTargets()));
  assert.equal(o.intraOpNumThreads, 1);
  assert.equal(o.graphOptimizationLevel, "all");
  const cuda = sessionOptions(findTarget("cuda", builtinTargets()));
  assert.deepEqual(cuda.executionProviders, [{ deviceId: 0, name: "cuda" }]);
});

Deno.test("probe: cpu is available; an unavailable provider is reported, not thrown", async () => {
  const targets = [
    ...builtinTargets(),
    ...parseTargets([{ id: "nope", device: "npu", providers: ["madeup"] }], "x"),
  ];
  const results = await probeTargets(targets);
  assert.equal(results.length, targets.length);
  assert.equal(results[0]!.available, true);
  const nope = results.find((r) => r.target.id === "nope")!;
  assert.equal(nope.available, false);
  assert.match(nope.reason!, /madeup not in this onnxruntime-node build/);
  for (const r of results) if (!r.available) assert.ok(r.reason && !r.reason.includes("\n"));
});

Deno.test("webgpu precheck: Linux without a Vulkan loader is unavailable; other systems and no FFI permission defer to the smoke session", () => {
  const missing = () => {
    throw new Error("libvulkan.so.1: cannot open shared object file");
  };
  assert.match(webgpuPrecheck("linux", missing)!, /no Vulkan loader \(libvulkan\.so\.1\)/);
  assert.match(webgpuPrecheck("linux", missing)!, /scripts\/swiftshader\.sh/);
  const opened: string[] = [];
  const only = (ok: string) => (path: string) => {
    if (path !== ok) throw new Error(`${path}: cannot open shared object file`);
    opened.push(path);
    return { close() {} };
  };
  resetWebgpuPrecheck();
  assert.equal(webgpuPrecheck("linux", only("libvulkan.so.1"), undefined), undefined);
  resetWebgpuPrecheck();
  // No system loader: the one beside VK_ICD_FILENAMES' driver (Chromium's SwiftShader) is kept open.
  const icd = "/usr/lib/chromium/vk_swiftshader_icd.json";
  assert.equal(webgpuPrecheck("linux", only("/usr/lib/chromium/libvulkan.so.1"), icd), undefined);
  assert.deepEqual(opened, ["libvulkan.so.1", "/usr/lib/chromium/libvulkan.so.1"]);
  resetWebgpuPrecheck();
  assert.match(webgpuPrecheck("linux", missing, icd)!, /no Vulkan loader/);
  assert.equal(webgpuPrecheck("darwin", missing), undefined);
  assert.equal(webgpuPrecheck("windows", missing), undefined);
  const denied = () => {
    throw new Deno.errors.NotCapable("Requires ffi access");
  };
  assert.equal(webgpuPrecheck("linux", denied), undefined);
});

// Runs on every machine: where a Vulkan loader exists (a GPU driver, or SwiftShader), Dawn may
// start and print its own notes, so an empty stderr is asserted only without one; that the probe
// answers for every target without crashing is asserted everywhere.
Deno.test("probe: probing every built-in target answers for each; no Vulkan loader, no stderr", async () => {
  const code = `import { builtinTargets, probeTargets } from "${
    new URL("../../src/targets/mod.ts", import.meta.url).href
  }"; const r = await probeTargets(builtinTargets()); console.log(JSON.stringify(r.map((p) => [p.target.id, p.available])));`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", code],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, stderr);
  const answers = JSON.parse(new TextDecoder().decode(out.stdout)) as [string, boolean][];
  assert.deepEqual(answers.map(([id]) => id), builtinTargets().map((t) => t.id));
  if (webgpuPrecheck() !== undefined) assert.equal(stderr, "");
});

Deno.test("targets file: valid file loads, both shapes", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(
    path,
    JSON.stringify({
      targets: [{
        id: "cpu-2t",
        label: "Two threads",
        device: "cpu",
        providers: [{ name: "cpu" }],
        session: { intraOpNumThreads: 2, graphOptimizationLevel: "basic" },
      }],
    }),
  );
  const [t] = await loadTargetsFile(path);
  assert.equal(t!.session.intraOpNumThreads, 2);
  const probe = await probeTargets([t!]);
  assert.equal(probe[0]!.available, true);
  await Deno.remove(path);
});

Deno.test("targets file: errors name file, field and value", async () => {
  const bad = [
    [[{ id: "Bad Id", device: "cpu", providers: ["cpu"] }], /field "targets\[0\]\.id" = "Bad Id"/],
    [[{ id: "a", device: "tpu", providers: ["cpu"] }], /field "targets\[0\]\.device" = "tpu"/],
    [[{ id: "a", device: "cpu", providers: [] }], /targets\[0\]\.providers/],
    [
      [{ id: "a", device: "cpu", providers: ["cpu"], session: { intraOpNumThreads: -1 } }],
      /session\.intraOpNumThreads" = -1/,
    ],
    [
      [{ id: "a", device: "cpu", providers: ["cpu"], session: { threads: 2 } }],
      /session\.threads" = 2: unknown key/,
    ],
    [
      [{ id: "a", device: "cpu", providers: [{ name: "cpu", options: { x: [1] } }] }],
      /providers\[0\]\.options\.x/,
    ],
    [
      [{ id: "a", device: "cpu", providers: [{ name: "cpu", options: { bogus: 1 } }] }],
      /providers\[0\]\.options\.bogus" = 1: unknown key; allowed: useArena/,
    ],
    [[{ id: "a", device: "cpu", providers: ["cpu"] }, {
      id: "a",
      device: "cpu",
      providers: ["cpu"],
    }], /targets\[1\]\.id" = "a": duplicate/],
    [{ targets: [] }, /field "targets"/],
  ] as const;
  for (const [json, pattern] of bad) {
    assert.throws(() => parseTargets(json, "my_targets.json"), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /^my_targets\.json: /);
      assert.match(e.message, pattern);
      return true;
    });
  }
  const path = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(path, "{not json");
  await assert.rejects(() => loadTargetsFile(path), /not valid JSON/);
  await assert.rejects(() => loadTargetsFile(`${path}.missing`), /cannot read targets file/);
  await Deno.remove(path);
});

Deno.test("environment: machine metadata and peak memory", async () => {
  const env = await environment();
  assert.ok(env.cores > 0 && env.ramGiB > 0);
  assert.ok(env.cpu.length > 0 && env.os.startsWith(Deno.build.os));
  assert.equal(env.deno, Deno.version.deno);
  assert.match(env.onnxruntime, /^\d+\.\d+\.\d+/);
  const peak = peakRssMiB();
  assert.ok(peak > 10 && peak >= Deno.memoryUsage().rss / 2 ** 20 - 1);
});
