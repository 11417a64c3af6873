/**
 * The Hub's environment variables, read the way Python's `huggingface_hub` reads them, so
 * both share one cache and one endpoint:
 *
 * - `HF_ENDPOINT`: the Hub's address (default `https://huggingface.co`);
 * - `HF_TOKEN`: the access token for gated and private repositories;
 * - `HF_HUB_CACHE` (or the older `HUGGINGFACE_HUB_CACHE`), else `$HF_HOME/hub`, where
 *   `HF_HOME` defaults to `$XDG_CACHE_HOME/huggingface`, else `~/.cache/huggingface`;
 * - `HF_HUB_OFFLINE`: `1`, `ON`, `YES` or `TRUE` uses the cache only.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";

/**
 * The Hub's address when `HF_ENDPOINT` is not set: the client's `HUB_URL` (a test checks
 * they agree; not imported here, so that the launcher, which reads this module, does not
 * load the client).
 */
export const DEFAULT_ENDPOINT = "https://huggingface.co";

/** The environment variables this module reads (a task's `--allow-env` list names them). */
export const HUB_ENV_VARS = [
  "HF_ENDPOINT",
  "HF_TOKEN",
  "HF_HUB_CACHE",
  "HUGGINGFACE_HUB_CACHE",
  "HF_HOME",
  "XDG_CACHE_HOME",
  "HOME",
  "HF_HUB_OFFLINE",
] as const;

/** Reads one environment variable (`Deno.env.get` by default; tests pass a map). */
export type EnvReader = (name: (typeof HUB_ENV_VARS)[number]) => string | undefined;

const denoEnv: EnvReader = (name) => Deno.env.get(name);

/** Where and how to reach the Hub. */
export interface HubSettings {
  /** The Hub's base URL, without a trailing `/`. */
  readonly endpoint: string;
  /** The access token, when one is set. */
  readonly token?: string;
  /** The cache folder (`models--org--name/...` lives under it). */
  readonly cacheDir: string;
  /** Whether to use the cache only. */
  readonly offline: boolean;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === "" ? undefined : v;
}

function expandHome(path: string, env: EnvReader): string {
  if (path !== "~" && !path.startsWith("~/")) return path;
  const home = nonEmpty(env("HOME"));
  if (home === undefined) throw new ConfigError("cannot expand ~ without HOME", { value: path });
  return home + path.slice(1);
}

/** The Hub cache folder, by Python's rule (see the module's documentation). */
export function hubCacheDir(env: EnvReader = denoEnv): string {
  const direct = nonEmpty(env("HF_HUB_CACHE")) ?? nonEmpty(env("HUGGINGFACE_HUB_CACHE"));
  if (direct !== undefined) return expandHome(direct, env);
  const home = nonEmpty(env("HF_HOME"));
  if (home !== undefined) return `${expandHome(home, env).replace(/\/+$/, "")}/hub`;
  const xdg = nonEmpty(env("XDG_CACHE_HOME"));
  if (xdg !== undefined) return `${expandHome(xdg, env).replace(/\/+$/, "")}/huggingface/hub`;
  const user = nonEmpty(env("HOME"));
  if (user === undefined) {
    throw new ConfigError("no Hub cache folder: set HF_HUB_CACHE, HF_HOME or HOME", {
      field: "HF_HUB_CACHE",
    });
  }
  return `${user.replace(/\/+$/, "")}/.cache/huggingface/hub`;
}

/** The Hub's base URL (`HF_ENDPOINT`, default `https://huggingface.co`), checked. */
export function hubEndpoint(env: EnvReader = denoEnv): string {
  const raw = nonEmpty(env("HF_ENDPOINT")) ?? DEFAULT_ENDPOINT;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("not a URL", { field: "HF_ENDPOINT", value: raw });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError("must be an http(s) URL", { field: "HF_ENDPOINT", value: raw });
  }
  return raw.replace(/\/+$/, "");
}

/** True for the values Python's `huggingface_hub` reads as true. */
function isTrue(v: string | undefined): boolean {
  return v !== undefined && ["1", "ON", "YES", "TRUE"].includes(v.trim().toUpperCase());
}

/** Every Hub setting from the environment. */
export function hubSettings(env: EnvReader = denoEnv): HubSettings {
  const token = nonEmpty(env("HF_TOKEN"));
  if (token !== undefined && !token.startsWith("hf_")) {
    // The value is a secret: the message never prints it.
    throw new ConfigError("a Hugging Face access token starts with hf_", { field: "HF_TOKEN" });
  }
  return {
    endpoint: hubEndpoint(env),
    ...(token !== undefined ? { token } : {}),
    cacheDir: hubCacheDir(env),
    offline: isTrue(env("HF_HUB_OFFLINE")),
  };
}

/**
 * The hosts a pull may reach: the endpoint's host (with its port), and for the Hub itself
 * (`huggingface.co`, `hf.co`) the hosts its files redirect to (`*.huggingface.co`, `*.hf.co`:
 * the LFS and Xet CDNs).
 */
export function hubHosts(endpoint: string): string[] {
  const url = new URL(endpoint);
  const hub = url.hostname === "huggingface.co" || url.hostname === "hf.co";
  return hub ? ["huggingface.co", "*.huggingface.co", "hf.co", "*.hf.co"] : [url.host];
}
