/** The glossary: the measures' terms come from the one list of measures. */
import { assert, assertEquals } from "../report/_assert.ts";
import { CHANGE_THRESHOLD, MEASURES } from "../../src/report/mod.ts";
import { GLOSSARY, tooltip } from "../../src/site/glossary.ts";

Deno.test("glossary: each measure's label is its term and its definition the text", () => {
  for (const m of MEASURES) {
    assertEquals(GLOSSARY[m.key], { term: m.label, text: m.definition });
    assertEquals(tooltip(m.key), `${m.label}: ${m.definition}`);
  }
  // the measures come first, in their order, as the glossary page lists them
  assertEquals(Object.keys(GLOSSARY).slice(0, MEASURES.length), MEASURES.map((m) => m.key));
});

Deno.test("glossary: a history change is defined apart from the gate's regression", () => {
  const text = GLOSSARY.change!.text;
  assert(text.includes(`${CHANGE_THRESHOLD * 100}% worse`), text);
  assert(text.includes("not a regression"), text);
});
