import { assertEquals } from "../report/_assert.ts";
import { compareValues } from "../../src/browser/tables.ts";

Deno.test("table sort order: numbers by value, text naturally, empty cells last", () => {
  assertEquals(["10", "9", "", "1.5", "-2"].sort(compareValues), ["-2", "1.5", "9", "10", ""]);
  assertEquals(["eb-10", "EB-2", "eb-1", ""].sort(compareValues), ["eb-1", "EB-2", "eb-10", ""]);
  assertEquals(compareValues("", ""), 0);
  assertEquals(compareValues("a", "A"), 0);
});
