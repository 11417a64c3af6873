/**
 * sacreBLEU's default `13a` tokenizer (a port of mteval-v13a.pl's
 * tokenization as sacreBLEU 2.x implements it in `tokenizer_13a.py` and
 * `tokenizer_re.py`).
 *
 * @module
 */
import { pySplit } from "./py_text.ts";

/** Punctuation and symbols that always get surrounded by spaces. */
const SYMBOLS = new RegExp("([{-~[-` -&(-+:-@/])", "g");
/** Period and comma unless preceded by a digit. */
const PERIOD_COMMA_AFTER_NON_DIGIT = /([^0-9])([.,])/g;
/** Period and comma unless followed by a digit. */
const PERIOD_COMMA_BEFORE_NON_DIGIT = /([.,])([^0-9])/g;
/** Dash when preceded by a digit. */
const DASH_AFTER_DIGIT = /([0-9])(-)/g;

/**
 * Tokenizes one segment the way sacreBLEU's `Tokenizer13a` does: drops
 * `<skipped>`, joins `-\n` line breaks, turns other newlines into spaces,
 * unescapes `&quot;`, `&amp;`, `&lt;`, `&gt;`, then applies the four
 * regular expressions of `TokenizerRegexp` and collapses whitespace.
 */
export function tokenize13a(line: string): string {
  let text = line.replaceAll("<skipped>", "");
  text = text.replaceAll("-\n", "");
  text = text.replaceAll("\n", " ");
  if (text.includes("&")) {
    text = text.replaceAll("&quot;", '"');
    text = text.replaceAll("&amp;", "&");
    text = text.replaceAll("&lt;", "<");
    text = text.replaceAll("&gt;", ">");
  }
  text = ` ${text} `;
  text = text.replace(SYMBOLS, " $1 ");
  text = text.replace(PERIOD_COMMA_AFTER_NON_DIGIT, "$1 $2 ");
  text = text.replace(PERIOD_COMMA_BEFORE_NON_DIGIT, " $1 $2");
  text = text.replace(DASH_AFTER_DIGIT, "$1 $2 ");
  return pySplit(text).join(" ");
}
