/**
 * rouge-score's default tokenizer (`rouge_score/tokenize.py`): lowercase,
 * replace every run of characters outside `[a-z0-9]` with a space, split,
 * optionally Porter-stem tokens longer than 3 characters, drop empty tokens.
 *
 * @module
 */
import { porterStem } from "./porter_stemmer.ts";

const NON_ALPHANUM = /[^a-z0-9]+/g;
const VALID = /^[a-z0-9]+$/;

/** A tokenizer function from text to tokens. */
export type RougeTokenizer = (text: string) => string[];

/** Creates the tokenizer; with `useStemmer` stems are cached per word. */
export function createRougeTokenizer(useStemmer: boolean): RougeTokenizer {
  const cache = new Map<string, string>();
  const stem = (w: string): string => {
    let s = cache.get(w);
    if (s === undefined) {
      s = porterStem(w);
      if (cache.size > 100_000) cache.clear();
      cache.set(w, s);
    }
    return s;
  };
  return (text: string): string[] => {
    const tokens = text.toLowerCase().replace(NON_ALPHANUM, " ").split(" ");
    const out: string[] = [];
    for (const t of tokens) {
      const tok = useStemmer && t.length > 3 ? stem(t) : t;
      if (VALID.test(tok)) out.push(tok);
    }
    return out;
  };
}
