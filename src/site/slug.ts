/**
 * File-system and URL safe names for ids that may hold any character (a
 * model id is free text in the results). Safe ids are kept; others are
 * reduced to `[a-z0-9._-]` and suffixed with a short hash so they stay unique.
 *
 * @module
 */

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/**
 * A slug for an id.
 *
 * @example
 * ```ts
 * import { slug } from "./slug.ts";
 * slug("eb-ed23-kd"); // "eb-ed23-kd"
 * slug("<img src=x>").startsWith("img-src-x-"); // true
 * ```
 */
export function slug(id: string): string {
  if (/^[a-z0-9][a-z0-9._-]{0,79}$/.test(id) && !id.includes("..")) return id;
  const base = id.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 48);
  return `${base || "id"}-${fnv1a(id)}`;
}
