/**
 * CodeXGLUE code-to-code translation (Java <-> C#). Two native forms:
 * - the official repository's parallel text files, one function per line:
 *   `<split>.java-cs.txt.java` and `<split>.java-cs.txt.cs`, with split names
 *   `train`, `valid`, `test`; row `i` is `{id: i, java, cs}`;
 * - JSONL of the Hugging Face `code_x_glue_cc_code_to_code_trans` rows
 *   `{"id": 0, "java": "...", "cs": "..."}`.
 *
 * @module
 */
import { DatasetError } from "../../core/errors.ts";
import type { RawRow } from "../fields.ts";
import { readText } from "./read_text.ts";

function lines(text: string): string[] {
  const out = text.split("\n").map((l) => l.replace(/\r$/, ""));
  if (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out;
}

/**
 * Pairs the lines of the parallel files. Different line counts, or an empty
 * line, are DatasetErrors naming the file (and line).
 */
export function parseParallel(
  texts: Readonly<Record<string, string>>,
  files: Readonly<Record<string, string>>,
): RawRow[] {
  const langs = Object.keys(texts);
  const split: Record<string, string[]> = {};
  for (const lang of langs) split[lang] = lines(texts[lang] as string);
  const first = langs[0] as string;
  const n = (split[first] as string[]).length;
  for (const lang of langs) {
    const count = (split[lang] as string[]).length;
    if (count !== n) {
      throw new DatasetError(
        `has ${count} lines but ${files[first]} has ${n}; the files must be parallel`,
        { file: files[lang] as string },
      );
    }
  }
  const rows: RawRow[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, string | number> = { id: i };
    for (const lang of langs) {
      const text = (split[lang] as string[])[i] as string;
      if (text.trim() === "") {
        throw new DatasetError("empty line in a parallel file", {
          file: files[lang] as string,
          line: i + 1,
          field: lang,
        });
      }
      row[lang] = text;
    }
    rows.push({ row, file: files[first] as string, line: i + 1 });
  }
  return rows;
}

/**
 * Reads the official parallel files for one split prefix, e.g.
 * `readParallel("data/test.java-cs.txt", ["java", "cs"])` reads
 * `data/test.java-cs.txt.java` and `data/test.java-cs.txt.cs`.
 */
export async function readParallel(prefix: string, langs: readonly string[]): Promise<RawRow[]> {
  const texts: Record<string, string> = {};
  const files: Record<string, string> = {};
  for (const lang of langs) {
    files[lang] = `${prefix}.${lang}`;
    texts[lang] = await readText(`${prefix}.${lang}`);
  }
  return parseParallel(texts, files);
}
