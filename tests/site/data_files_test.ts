import { assert, assertEquals } from "../report/_assert.ts";
import { csvText, type FlatTable } from "../../src/report/mod.ts";
import {
  jsonPieces,
  tableCsvPieces,
  tableJsonPieces,
  writePieces,
} from "../../src/site/data_files.ts";
import { createSiteApp } from "../../src/site/app.tsx";
import { buildSiteIndex } from "../../src/site/site_index.ts";
import { loadSiteData, readAssets } from "../../src/site/build.ts";
import { FIXTURES, fixtureSite } from "./_fixture_site.ts";
import { tableObjects } from "../../src/report/mod.ts";

Deno.test("jsonPieces joined is JSON.stringify, members left out and nulled alike", () => {
  const deep = { a: { b: { c: { d: { e: [1, { f: 2 }] } } } } };
  const values: unknown[] = [
    { x: 1, skip: undefined, fn: () => 1, nan: NaN, inf: -Infinity, s: 'é\u2028"<>' },
    [undefined, () => 1, null, [], {}, [[[[["deep"]]]]]],
    deep,
    { when: new Date(0), nested: [{ when: new Date(1) }] },
    "text",
    42,
    null,
  ];
  for (const v of values) assertEquals([...jsonPieces(v)].join(""), JSON.stringify(v));
  // A big array is cut into many pieces, none of them the whole.
  const big = { rows: Array.from({ length: 1000 }, (_, i) => ({ i, s: `r${i}` })) };
  const pieces = [...jsonPieces(big)];
  assert(pieces.length > 1000, `${pieces.length} pieces`);
  assert(Math.max(...pieces.map((p) => p.length)) < 100);
});

Deno.test("table pieces are the table's csvText and tableObjects JSON", () => {
  const t: FlatTable = {
    name: "t",
    title: "t",
    columns: ["name", "value", "note"],
    rows: Array.from({ length: 450 }, (_, i) => [
      i % 7 === 0 ? `=cmd|${i}` : `m"${i}`,
      i % 5 === 0 ? null : i / 3,
      i % 3 === 0 ? "a,b\nc" : undefined as unknown as null,
    ]),
  };
  assertEquals([...tableCsvPieces(t)].join(""), csvText(t.columns, t.rows));
  assertEquals([...tableJsonPieces(t)].join(""), JSON.stringify(tableObjects(t)));
});

Deno.test("writePieces writes the pieces' UTF-8 exactly, small or larger than its buffer", () => {
  const dir = Deno.makeTempDirSync({ prefix: "eb-pieces-" });
  try {
    const pieces = [
      ...Array.from({ length: 20_000 }, (_, i) => `é${i}😀,`),
      "x".repeat(200_000),
      "€".repeat(70_000),
      "",
      "end",
    ];
    writePieces(`${dir}/a.txt`, pieces);
    assertEquals(Deno.readTextFileSync(`${dir}/a.txt`), pieces.join(""));
    writePieces(`${dir}/a.txt`, ["short"]);
    assertEquals(Deno.readTextFileSync(`${dir}/a.txt`), "short");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("the files the build streams are byte for byte the app's routes", async () => {
  const site = await fixtureSite();
  const data = await loadSiteData(FIXTURES, { generatedAt: "2026-11-28T00:00:00.000Z" });
  const app = createSiteApp(
    buildSiteIndex({
      report: data.report,
      records: data.records,
      samples: data.samples,
      modelCards: new Map(),
      taskMeta: new Map(),
    }),
    await readAssets(),
  );
  const streamed = site.files.filter((f) =>
    /^data\/([a-z_0-9]+|samples\/[^/]+\/[0-9]+)\.(json|csv)$/.test(f)
  );
  assert(streamed.includes("data/report.json") && streamed.includes("data/history.csv"));
  assert(streamed.filter((f) => f.startsWith("data/samples/")).length > 40, String(streamed));
  for (const f of streamed) {
    const res = await app.request(`/${f}`);
    assertEquals(res.status, 200, f);
    assert(
      (await res.text()) === Deno.readTextFileSync(`${site.outDir}/${f}`),
      `${f} differs from its route`,
    );
  }
});
