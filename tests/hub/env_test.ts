/** The Hub's environment variables, read as Python's huggingface_hub reads them. */
import { HUB_URL } from "@huggingface/hub";
import { assertEquals, assertThrows } from "../results/_assert.ts";
import { ConfigError } from "../../src/core/errors.ts";
import { DEFAULT_ENDPOINT, hubCacheDir, hubHosts, hubSettings } from "../../src/hub/env.ts";
import { expandGrant } from "../../src/cli/_grants.ts";

const envOf = (vars: Record<string, string>) => (name: string) => vars[name];

Deno.test("the cache folder: HF_HUB_CACHE, then HUGGINGFACE_HUB_CACHE, HF_HOME, XDG, HOME", () => {
  const all = {
    HF_HUB_CACHE: "/a",
    HUGGINGFACE_HUB_CACHE: "/b",
    HF_HOME: "/c/",
    XDG_CACHE_HOME: "/d",
    HOME: "/home/u",
  };
  assertEquals(hubCacheDir(envOf(all)), "/a");
  assertEquals(hubCacheDir(envOf({ ...all, HF_HUB_CACHE: "" })), "/b");
  assertEquals(hubCacheDir(envOf({ HF_HOME: "/c/", XDG_CACHE_HOME: "/d", HOME: "/h" })), "/c/hub");
  assertEquals(hubCacheDir(envOf({ XDG_CACHE_HOME: "/d", HOME: "/h" })), "/d/huggingface/hub");
  assertEquals(hubCacheDir(envOf({ HOME: "/h" })), "/h/.cache/huggingface/hub");
  assertEquals(hubCacheDir(envOf({ HF_HOME: "~/hf", HOME: "/h" })), "/h/hf/hub");
});

Deno.test("endpoint, token and offline settings; the default endpoint is the client's", () => {
  assertEquals(DEFAULT_ENDPOINT, HUB_URL);
  const s = hubSettings(
    envOf({
      HOME: "/h",
      HF_ENDPOINT: "http://127.0.0.1:9/",
      HF_TOKEN: "hf_x",
      HF_HUB_OFFLINE: "yes",
    }),
  );
  assertEquals(s, {
    endpoint: "http://127.0.0.1:9",
    token: "hf_x",
    cacheDir: "/h/.cache/huggingface/hub",
    offline: true,
  });
  assertEquals(hubSettings(envOf({ HOME: "/h", HF_HUB_OFFLINE: "0" })).offline, false);
  const bad = assertThrows(
    () => hubSettings(envOf({ HOME: "/h", HF_TOKEN: "secret-value" })),
    ConfigError,
  );
  assertEquals(bad.message.includes("secret-value"), false);
  assertThrows(() => hubSettings(envOf({ HOME: "/h", HF_ENDPOINT: "ftp://x" })), ConfigError);
});

Deno.test("the hosts a pull may reach: the Hub and its CDNs, or a custom endpoint's host", () => {
  assertEquals(hubHosts("https://huggingface.co"), [
    "huggingface.co",
    "*.huggingface.co",
    "hf.co",
    "*.hf.co",
  ]);
  assertEquals(hubHosts("http://127.0.0.1:8080"), ["127.0.0.1:8080"]);
  assertEquals(
    expandGrant("@hub", []).includes("*.hf.co") || expandGrant("@hub", []).length === 1,
    true,
  );
});
