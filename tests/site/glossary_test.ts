/** The glossary: the measures' terms come from the one list of measures. */
import { assertEquals } from "../report/_assert.ts";
import { MEASURES } from "../../src/report/mod.ts";
import { GLOSSARY, tooltip } from "../../src/site/glossary.ts";

Deno.test("glossary: each measure's label is its term and its definition the text", () => {
  for (const m of MEASURES) {
    assertEquals(GLOSSARY[m.key], { term: m.label, text: m.definition });
    assertEquals(tooltip(m.key), `${m.label}: ${m.definition}`);
  }
  // the measures come first, in their order, as the glossary page lists them
  assertEquals(Object.keys(GLOSSARY).slice(0, MEASURES.length), MEASURES.map((m) => m.key));
});
