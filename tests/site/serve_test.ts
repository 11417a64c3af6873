import { assert, assertEquals } from "../report/_assert.ts";
import { createStaticApp, safeSegments } from "../../src/site/static_app.ts";

async function tree(): Promise<{ root: string; dist: string }> {
  const root = await Deno.makeTempDir({ prefix: "eb-serve-" });
  const dist = `${root}/dist`;
  await Deno.mkdir(`${dist}/models/a`, { recursive: true });
  await Deno.writeTextFile(`${dist}/index.html`, "<!doctype html><title>ok</title>");
  await Deno.writeTextFile(`${dist}/models/a/index.html`, "model a");
  await Deno.writeTextFile(`${dist}/data.csv`, "a,b\n1,2\n");
  await Deno.writeTextFile(`${root}/secret.txt`, "SECRET");
  await Deno.symlink(`${root}/secret.txt`, `${dist}/link.txt`);
  return { root, dist };
}

Deno.test("serve sends a strict CSP and security headers on pages and errors", async () => {
  const { root, dist } = await tree();
  const app = createStaticApp(dist);
  for (const path of ["/", "/nope"]) {
    const res = await app.request(path);
    await res.body?.cancel();
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.ok(csp.includes("default-src 'none'") && csp.includes("script-src 'self'"), csp);
    assert.ok(!csp.includes("unsafe-inline") && !csp.includes("unsafe-eval"), csp);
    assertEquals(res.headers.get("x-content-type-options"), "nosniff");
  }
  await Deno.remove(root, { recursive: true });
});

Deno.test("serve answers files with their types, index pages and 404s", async () => {
  const { root, dist } = await tree();
  const app = createStaticApp(dist);
  const home = await app.request("/");
  assertEquals([home.status, await home.text()], [200, "<!doctype html><title>ok</title>"]);
  assertEquals(home.headers.get("content-type"), "text/html; charset=utf-8");
  const csv = await app.request("/data.csv");
  assertEquals(csv.headers.get("content-type"), "text/csv; charset=utf-8");
  await csv.body?.cancel();
  const dir = await app.request("/models/a");
  assertEquals([dir.status, dir.headers.get("location")], [301, "/models/a/"]);
  assertEquals(await (await app.request("/models/a/")).text(), "model a");
  assertEquals((await app.request("/missing.html")).status, 404);
  assertEquals((await app.request("/", { method: "POST" })).status, 405);
  await Deno.remove(root, { recursive: true });
});

Deno.test("serve refuses paths outside dist: dot segments, encoded slashes, symlinks", async () => {
  const { root, dist } = await tree();
  const app = createStaticApp(dist);
  for (
    const path of [
      "/..%2Fsecret.txt",
      "/models/..%2F..%2Fsecret.txt",
      "/%2e%2e%5csecret.txt",
      "/a%00b",
      "/link.txt",
    ]
  ) {
    const res = await app.request(`http://localhost${path}`);
    const body = await res.text();
    assert.ok(res.status === 403 || res.status === 404, `${path}: ${res.status}`);
    assert.ok(!body.includes("SECRET"), path);
  }
  assertEquals((await app.request("http://localhost/..%2Fsecret.txt")).status, 403);
  assertEquals((await app.request("http://localhost/link.txt")).status, 403);
  await Deno.remove(root, { recursive: true });
});

Deno.test("safeSegments rejects traversal and keeps ordinary paths", () => {
  assertEquals(safeSegments("/models/eb-ed23-kd/"), ["models", "eb-ed23-kd"]);
  assertEquals(safeSegments("/a/..%2f..%2fetc"), null);
  assertEquals(safeSegments("/%E0%A4%A"), null);
  assertEquals(safeSegments("/.."), null);
});

Deno.test("serve redirects folders to a same-origin path: //models and /\\models", async () => {
  const { root, dist } = await tree();
  const app = createStaticApp(dist);
  for (const path of ["//models/a", "/\\models/a", "///models//a", "/models/a"]) {
    const res = await app.request(`http://localhost${path}`);
    await res.body?.cancel();
    assertEquals(res.status, 301, path);
    const location = res.headers.get("location") ?? "";
    assertEquals(location, "/models/a/", path);
    assertEquals(new URL(location, `http://localhost${path}`).origin, "http://localhost", path);
  }
  await Deno.remove(root, { recursive: true });
});

Deno.test("serve refuses encoded slashes as docs/site.md says: /%2fmodels/", async () => {
  const { root, dist } = await tree();
  const app = createStaticApp(dist);
  for (const path of ["/%2fmodels/a/", "/models%2Fa/", "/models%5ca/"]) {
    const res = await app.request(`http://localhost${path}`);
    await res.body?.cancel();
    assertEquals(res.status, 403, path);
  }
  assertEquals(safeSegments("/%2fmodels/"), null);
  await Deno.remove(root, { recursive: true });
});
