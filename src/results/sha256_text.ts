/**
 * sha256 of a string or bytes, in plain JavaScript (@noble/hashes), so the
 * browser computes cell keys and input hashes with the same code as Deno.
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

const encoder = new TextEncoder();

/** Hex sha256 of a string (UTF-8) or bytes. */
export function sha256Text(data: string | Uint8Array): string {
  return bytesToHex(sha256(typeof data === "string" ? encoder.encode(data) : data));
}
