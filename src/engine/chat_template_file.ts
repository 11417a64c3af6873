/**
 * Reads a model folder's chat template from disk (`chat_template.jinja`, else
 * `tokenizer_config.json`'s `chat_template`), apart from the pure parser and renderer in
 * `chat_template.ts`, which the browser bundles.
 *
 * @module
 */
import { join } from "node:path";
import { ModelError } from "../core/errors.ts";
import { type ChatTemplate, CONFIG, parseChatTemplate, renderChat } from "./chat_template.ts";
import { parseJsonObject } from "./parse_config.ts";

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return undefined;
    throw new ModelError("cannot read file", { file: path, cause });
  }
}

/**
 * Reads a model folder's chat template (`chat_template.jinja`, else `tokenizer_config.json`'s
 * `chat_template`); undefined when it has none or no tokenizer_config.json. The template is
 * rendered once, so a broken one fails here, when the model is read.
 *
 * @throws {ModelError} an unreadable file, or a template that does not render.
 */
export async function readChatTemplate(dir: string): Promise<ChatTemplate | undefined> {
  const configFile = join(dir, CONFIG);
  const text = await readOptional(configFile);
  const jinja = await readOptional(join(dir, "chat_template.jinja"));
  if (text === undefined && jinja === undefined) return undefined;
  const chat = parseChatTemplate(
    text === undefined ? {} : parseJsonObject(text, configFile),
    jinja,
    configFile,
  );
  if (chat) renderChat({ ...chat, file: join(dir, chat.file) }, "");
  return chat;
}
