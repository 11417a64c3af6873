/**
 * Tiny parquet files for the tests, written with `hyparquet-writer` in the shapes the Hub's
 * datasets have: WMT's `translation` struct, SQuAD's `answers` struct of lists, and flat
 * string columns (XSum, CodeXGLUE, CommonGen's list of concepts).
 *
 * @module
 */
import { parquetWriteBuffer } from "hyparquet-writer";

const utf8 = (name: string) => ({
  name,
  type: "BYTE_ARRAY" as const,
  converted_type: "UTF8" as const,
  repetition_type: "OPTIONAL" as const,
});

const bytes = (buf: ArrayBuffer): Uint8Array<ArrayBuffer> => new Uint8Array(buf);

/** WMT rows: `{translation: {de, en}}`. */
export function wmtParquet(pairs: readonly { de: string; en: string }[]): Uint8Array<ArrayBuffer> {
  return bytes(parquetWriteBuffer({
    columnData: [{ name: "translation", data: pairs.map((p) => ({ ...p })) }],
    schema: [
      { name: "root", num_children: 1 },
      { name: "translation", repetition_type: "OPTIONAL", num_children: 2 },
      utf8("de"),
      utf8("en"),
    ],
  }));
}

/** SQuAD v2 rows as the Hub has them: no `is_impossible`, an empty answer list instead. */
export function squadParquet(
  rows: readonly { id: string; context: string; question: string; answers: string[] }[],
): Uint8Array<ArrayBuffer> {
  return bytes(parquetWriteBuffer({
    columnData: [
      { name: "id", data: rows.map((r) => r.id) },
      { name: "title", data: rows.map(() => "t") },
      { name: "context", data: rows.map((r) => r.context) },
      { name: "question", data: rows.map((r) => r.question) },
      {
        name: "answers",
        data: rows.map((r) => ({
          text: r.answers,
          answer_start: r.answers.map((a) => r.context.indexOf(a)),
        })),
      },
    ],
    schema: [
      { name: "root", num_children: 5 },
      utf8("id"),
      utf8("title"),
      utf8("context"),
      utf8("question"),
      { name: "answers", repetition_type: "OPTIONAL", num_children: 2 },
      { name: "text", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
      { name: "list", repetition_type: "REPEATED", num_children: 1 },
      utf8("element"),
      {
        name: "answer_start",
        repetition_type: "OPTIONAL",
        converted_type: "LIST",
        num_children: 1,
      },
      { name: "list", repetition_type: "REPEATED", num_children: 1 },
      { name: "element", type: "INT32", repetition_type: "OPTIONAL" },
    ],
  }));
}

/** Flat string columns, one object per row (all rows with the same keys). */
export function flatParquet(rows: readonly Record<string, string>[]): Uint8Array<ArrayBuffer> {
  const names = Object.keys(rows[0]!);
  return bytes(parquetWriteBuffer({
    columnData: names.map((name) => ({ name, data: rows.map((r) => r[name]!), type: "STRING" })),
  }));
}
