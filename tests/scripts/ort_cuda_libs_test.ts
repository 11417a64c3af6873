/** scripts/ort_cuda_libs.sh: the cuda legs' provider libraries, copied in or a loud failure. */
import { assert, assertEquals } from "../results/_assert.ts";

const SCRIPT = new URL("../../scripts/ort_cuda_libs.sh", import.meta.url).pathname;

async function run(env: Record<string, string>) {
  const out = await new Deno.Command("bash", {
    args: [SCRIPT],
    env,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("ort_cuda_libs.sh copies the kept libraries into the package, or fails naming the file", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-cuda-libs-" });
  try {
    const pkg = `${tmp}/onnxruntime-node`, libs = `${tmp}/kept`;
    await Deno.mkdir(pkg, { recursive: true });
    await Deno.mkdir(libs);
    await Deno.writeTextFile(
      `${pkg}/package.json`,
      '{\n  "name": "onnxruntime-node",\n  "version": "1.30.0"\n}\n',
    );
    await Deno.writeTextFile(`${libs}/libonnxruntime_providers_cuda.so`, "cuda");
    const missing = await run({ ORT_NODE_DIR: pkg, ORT_CUDA_LIBS: libs });
    assertEquals(missing.code, 1);
    assertEquals(missing.stderr.trim().split("\n").length, 1, missing.stderr);
    assert(
      missing.stderr.includes(`${libs}/libonnxruntime_providers_shared.so: missing`),
      missing.stderr,
    );
    assert(missing.stderr.includes("1.30.0"), missing.stderr);
    await Deno.writeTextFile(`${libs}/libonnxruntime_providers_shared.so`, "shared");
    const ok = await run({ ORT_NODE_DIR: pkg, ORT_CUDA_LIBS: libs });
    assertEquals(ok.code, 0, ok.stderr);
    const dest = `${pkg}/bin/napi-v6/linux/x64`;
    assertEquals(await Deno.readTextFile(`${dest}/libonnxruntime_providers_cuda.so`), "cuda");
    assertEquals(await Deno.readTextFile(`${dest}/libonnxruntime_providers_shared.so`), "shared");
    // The default folder is per onnxruntime-node version, under the user's cache.
    const home = await run({ ORT_NODE_DIR: pkg, HOME: tmp });
    assert(
      home.stderr.includes(`${tmp}/.cache/encoder-bench/onnxruntime-node-1.30.0-cuda12/`),
      home.stderr,
    );
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
