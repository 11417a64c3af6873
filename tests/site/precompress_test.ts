import { assert, assertEquals } from "../report/_assert.ts";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import {
  isPrecompressible,
  precompress,
  PRECOMPRESS_MIN_BYTES,
} from "../../src/site/precompress.ts";

Deno.test("precompress writes .br and .gz of large text and wasm files that decode to them", async () => {
  const dir = await Deno.makeTempDir({ prefix: "eb-precompress-" });
  try {
    const text = '{"sample": "the quick brown fox"}\n'.repeat(2000);
    const wasm = new Uint8Array(PRECOMPRESS_MIN_BYTES * 4).map((_, i) => i % 7);
    const noise = crypto.getRandomValues(new Uint8Array(PRECOMPRESS_MIN_BYTES * 2));
    await Deno.mkdir(`${dir}/data`);
    await Deno.writeTextFile(`${dir}/data/page.json`, text);
    await Deno.writeFile(`${dir}/ort.wasm`, wasm);
    await Deno.writeFile(`${dir}/noise.js`, noise); // incompressible: nothing kept
    await Deno.writeTextFile(`${dir}/small.css`, "a{}".repeat(100)); // under the minimum
    await Deno.writeTextFile(`${dir}/model.onnx`, text); // not a precompressed type
    const files = ["data/page.json", "ort.wasm", "noise.js", "small.css", "model.onnx"];
    const written = await precompress(dir, files);
    assertEquals(written.sort(), [
      "data/page.json.br",
      "data/page.json.gz",
      "ort.wasm.br",
      "ort.wasm.gz",
    ]);
    const listed = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assertEquals(listed, [
      "data",
      "model.onnx",
      "noise.js",
      "ort.wasm",
      "ort.wasm.br",
      "ort.wasm.gz",
      "small.css",
    ]);
    const page = (suffix: string) => Deno.readFileSync(`${dir}/data/page.json${suffix}`);
    assertEquals(new TextDecoder().decode(brotliDecompressSync(page(".br"))), text);
    assertEquals(new TextDecoder().decode(gunzipSync(page(".gz"))), text);
    assertEquals(
      new Uint8Array(brotliDecompressSync(Deno.readFileSync(`${dir}/ort.wasm.br`))),
      wasm,
    );
    assert.ok(page(".br").length < text.length / 10);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("isPrecompressible goes by the extension", () => {
  for (const f of ["a/index.html", "x.JS", "ort.wasm", "d/p.json", "s.css", "m.mjs"]) {
    assert.ok(isPrecompressible(f), f);
  }
  for (const f of ["model.onnx", "a.png", "js", "dir.js/file", "x.js.br", ".json"]) {
    assert.ok(!isPrecompressible(f), f);
  }
});
