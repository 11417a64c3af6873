/**
 * SQuAD v1.1 / v2.0 JSON (the official `train-v2.0.json` / `dev-v2.0.json`
 * layout: `data[].paragraphs[].qas[]`), flattened to one row per question in
 * the shape of the Hugging Face `squad_v2` rows:
 * `{id, title, context, question, answers: {text, answer_start}, is_impossible}`.
 *
 * @module
 */
import { DatasetError } from "../../core/errors.ts";
import type { JsonObject, JsonValue } from "../../core/json.ts";
import type { RawRow } from "../fields.ts";
import { readText } from "./read_text.ts";

function isObj(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function need<T>(ok: boolean, value: T, file: string, where: string, msg: string): void {
  if (!ok) throw new DatasetError(msg, { file, field: where, value });
}

/**
 * Flattens SQuAD JSON text. Each row's `where` is its JSON path
 * (`data[i].paragraphs[j].qas[k]`). Unanswerable questions
 * (`is_impossible: true`) get empty answer lists; SQuAD v2 `plausible_answers`
 * are kept apart as `plausible_answers` and never used as references.
 */
export function parseSquad(text: string, file: string): RawRow[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new DatasetError("invalid JSON (expected the official SQuAD layout)", { file, cause });
  }
  need(isObj(doc) && Array.isArray(doc.data), doc, file, "data", "expected {data: [...]}");
  const rows: RawRow[] = [];
  ((doc as JsonObject).data as JsonValue[]).forEach((article, i) => {
    const a = `data[${i}]`;
    need(isObj(article), article, file, a, "expected an article object");
    const art = article as JsonObject;
    const title = typeof art.title === "string" ? art.title : "";
    need(Array.isArray(art.paragraphs), art.paragraphs, file, `${a}.paragraphs`, "expected a list");
    (art.paragraphs as JsonValue[]).forEach((paragraph, j) => {
      const p = `${a}.paragraphs[${j}]`;
      need(isObj(paragraph), paragraph, file, p, "expected a paragraph object");
      const par = paragraph as JsonObject;
      need(typeof par.context === "string", par.context, file, `${p}.context`, "expected a string");
      need(Array.isArray(par.qas), par.qas, file, `${p}.qas`, "expected a list");
      (par.qas as JsonValue[]).forEach((qa, k) => {
        const q = `${p}.qas[${k}]`;
        need(isObj(qa), qa, file, q, "expected a question object");
        const item = qa as JsonObject;
        need(typeof item.id === "string", item.id, file, `${q}.id`, "expected a string");
        need(
          typeof item.question === "string",
          item.question,
          file,
          `${q}.question`,
          "expected a string",
        );
        const answers = Array.isArray(item.answers) ? item.answers : [];
        const impossible = item.is_impossible === true;
        const texts: string[] = [];
        const starts: number[] = [];
        answers.forEach((ans, n) => {
          need(
            isObj(ans) && typeof ans.text === "string",
            ans,
            file,
            `${q}.answers[${n}].text`,
            "expected {text, answer_start}",
          );
          const o = ans as JsonObject;
          texts.push(o.text as string);
          starts.push(typeof o.answer_start === "number" ? o.answer_start : -1);
        });
        need(
          impossible || texts.length > 0,
          item.answers,
          file,
          `${q}.answers`,
          "answerable question without answers",
        );
        const row: JsonObject = {
          id: item.id as string,
          title,
          context: par.context as string,
          question: item.question as string,
          answers: { text: impossible ? [] : texts, answer_start: impossible ? [] : starts },
          is_impossible: impossible,
        };
        if (Array.isArray(item.plausible_answers)) row.plausible_answers = item.plausible_answers;
        rows.push({ row, file, where: q });
      });
    });
  });
  return rows;
}

/** Reads and flattens an official SQuAD JSON file (`.json` or `.json.gz`). */
export async function readSquad(path: string): Promise<RawRow[]> {
  return parseSquad(await readText(path), path);
}
