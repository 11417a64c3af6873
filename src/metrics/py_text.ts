/**
 * Small string helpers that behave like Python's `str` methods, so ports of
 * Python metrics split and strip exactly as the originals do.
 *
 * @module
 */

/** Characters for which Python's `str.isspace()` is true. */
const PY_SPACE = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004" +
  "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

const SPACE_SET = new Set(PY_SPACE);
const SPACE_RUN = new RegExp(`[${PY_SPACE}]+`);
const TRAILING = new RegExp(`[${PY_SPACE}]+$`);

const SPACE_CODES = new Set(Array.from(PY_SPACE, (c) => c.codePointAt(0) as number));

/** True when code point `cp` is whitespace for Python's `str.isspace()`. */
export function isPySpaceCode(cp: number): boolean {
  return SPACE_CODES.has(cp);
}

/** True when `ch` is whitespace for Python's `str.isspace()`. */
export function isPySpace(ch: string): boolean {
  return SPACE_SET.has(ch);
}

/** Python's `s.split()` (no argument): split on whitespace runs, drop empty strings. */
export function pySplit(text: string): string[] {
  const parts = text.split(SPACE_RUN);
  if (parts.length > 0 && parts[0] === "") parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** Python's `s.rstrip()` (no argument). */
export function pyRstrip(text: string): string {
  return text.replace(TRAILING, "");
}

/** Python's `''.join(s.split())`: removes every whitespace character. */
export function removePySpace(text: string): string {
  return pySplit(text).join("");
}

/** The Unicode code points of `text`, one string each (Python's `list(s)`). */
export function codePoints(text: string): string[] {
  return Array.from(text);
}
