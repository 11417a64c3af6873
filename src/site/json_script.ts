/**
 * JSON safe to embed in `<script type="application/json">`: the characters
 * that could close the element or start markup are written as `\u` escapes,
 * which JSON.parse reads back unchanged.
 *
 * @module
 */

/**
 * Serialises `value` for an inline JSON data block.
 *
 * @example
 * ```ts
 * import { jsonForScript } from "./json_script.ts";
 * jsonForScript({ a: "</script>" }); // '{"a":"\\u003c/script\\u003e"}'
 * ```
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
