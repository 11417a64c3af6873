/**
 * The relative path from a page to the site root (e.g. `../../`), as a hono/jsx context: set once
 * where a page is rendered, read by the layout and the link helpers.
 *
 * @module
 */
import { createContext, useContext } from "hono/jsx";
import type { Child } from "hono/jsx";

// The root page's: a page rendered without {@link AtPath} links as from the site root.
const RootContext = createContext("");

/**
 * The relative path from the page at URL path `path` to the site root: one `../` per segment.
 *
 * @example
 * ```ts
 * import { rootOf } from "./root.tsx";
 * rootOf("/models/x/"); // "../../"
 * ```
 */
export function rootOf(path: string): string {
  return "../".repeat(path.split("/").filter((s) => s !== "").length);
}

/**
 * Renders `children` (a page element) as the page at URL path `path`. It must wrap the page
 * element, not sit inside the page: precompiled JSX renders a page's markup, with its links,
 * before the components it is passed to run.
 */
export function AtPath(p: { path: string; children?: Child }): Child {
  return <RootContext.Provider value={rootOf(p.path)}>{p.children}</RootContext.Provider>;
}

/** The relative path from the page being rendered to the site root. */
export function useRoot(): string {
  return useContext(RootContext);
}
