/**
 * Reading a (possibly gzipped) text file with DatasetErrors on failure.
 *
 * @module
 */
import { DatasetError } from "../../core/errors.ts";
import { maybeGunzip } from "../manifest.ts";

/** Reads a UTF-8 text file, gunzipping it when its name ends in `.gz`. */
export async function readText(path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (cause) {
    const why = cause instanceof Deno.errors.NotFound
      ? "file not found"
      : `cannot read file: ${(cause as Error).message}`;
    throw new DatasetError(why, { file: path, cause });
  }
  return new TextDecoder().decode(await maybeGunzip(path, bytes));
}
