/** Reading a JSON configuration file: unreadable or malformed is a one-line ConfigError. @module */
import { ConfigError } from "../core/errors.ts";

/** Reads and parses `file`; `what` names it in the error ("the machine list"). */
export async function readJsonFile(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (cause) {
    throw new ConfigError(`cannot read ${what}`, { file, cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${what} is not JSON: ${(cause as Error).message}`, { file, cause });
  }
}
