/**
 * A Hub model as the user names it, `ORG/NAME[@REVISION]`: the repository id (the Hub's
 * rules: one `/`, letters, digits, `-`, `_`, `.`, no `--` or `..`, at most 96 characters a
 * part) and the revision (a branch, a tag or a commit sha; `main` when not given).
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";

/** The revision a spec without `@REV` asks for. */
export const DEFAULT_REVISION = "main";

/** A Hub repository at a revision. */
export interface RepoSpec {
  /** `org/name`, as the Hub spells it (case kept). */
  readonly repo: string;
  /** Branch, tag or commit sha. */
  readonly revision: string;
}

const PART = /^[A-Za-z0-9_.-]{1,96}$/;

/** True when `text` names a Hub repository (it has a `/`), not a local model or a glob. */
export function isRepoSpec(text: string): boolean {
  return text.includes("/");
}

/** True when `revision` is a full commit sha (40 hex digits), which needs no lookup. */
export function isCommitSha(revision: string): boolean {
  return /^[0-9a-f]{40}$/.test(revision);
}

/**
 * Parses `ORG/NAME[@REV]`.
 *
 * @throws {ConfigError} naming `field` (the flag or argument) and the value at fault.
 */
export function parseRepoSpec(text: string, field = "model"): RepoSpec {
  const at = text.indexOf("@");
  const repo = at < 0 ? text : text.slice(0, at);
  const revision = at < 0 ? DEFAULT_REVISION : text.slice(at + 1);
  const parts = repo.split("/");
  const bad = parts.length !== 2 ||
    parts.some((p) =>
      !PART.test(p) || p.includes("--") || p.includes("..") || /^[.-]|[.-]$/.test(p)
    );
  if (bad) {
    throw new ConfigError(
      "not a Hub repository id (ORG/NAME[@REVISION]: letters, digits, '-', '_', '.')",
      { field, value: text },
    );
  }
  if (revision === "" || /\s/.test(revision) || revision.includes("..")) {
    throw new ConfigError("not a revision (a branch, a tag or a commit sha)", {
      field,
      value: text,
    });
  }
  return { repo, revision };
}

/** `org/name@rev` (the lock file's key and how messages name a spec). */
export function formatRepoSpec(spec: RepoSpec): string {
  return `${spec.repo}@${spec.revision}`;
}
