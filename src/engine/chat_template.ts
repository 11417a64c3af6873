/**
 * A model's chat template, as its makers ship it: `chat_template.jinja` beside the model, else
 * `chat_template` in `tokenizer_config.json` (a string, or named templates of which `default`
 * is used), with the special tokens the template may name (`bos_token`, `eos_token`, ...).
 * Rendered with `@huggingface/jinja`, the renderer transformers.js uses, for one user turn and
 * the assistant's opening (`add_generation_prompt`): the wrapping of an instruction model's
 * prompt. Pure (the browser's device page bundles it): `chat_template_file.ts` reads a folder.
 *
 * @module
 */
import { Template } from "@huggingface/jinja";
import { ModelError } from "../core/errors.ts";

/** A chat template and what it renders with. */
export interface ChatTemplate {
  /** The Jinja template text. */
  readonly template: string;
  /** The file it came from, relative to the model folder (named in errors). */
  readonly file: string;
  /** Special token strings from tokenizer_config.json (`bos_token`, `eos_token`, ...). */
  readonly specials: Readonly<Record<string, string>>;
}

/** The special tokens a template may name. */
const SPECIALS = ["bos_token", "eos_token", "unk_token", "pad_token", "sep_token", "cls_token"];

function tokenText(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  const content = (v as { content?: unknown } | null)?.content;
  return typeof v === "object" && typeof content === "string" ? content : undefined;
}

/** The file whose `chat_template` field holds the template. */
export const CONFIG = "tokenizer_config.json";

/**
 * The chat template of a model from its parsed `tokenizer_config.json` and the text of its
 * `chat_template.jinja` (undefined when absent, which then wins); undefined when it has none.
 * `configFile` names tokenizer_config.json in errors.
 *
 * @throws {ModelError} a `chat_template` that is neither a string nor named templates.
 */
export function parseChatTemplate(
  tokenizerConfig: Record<string, unknown>,
  jinja: string | undefined,
  configFile = CONFIG,
): ChatTemplate | undefined {
  const specials: Record<string, string> = {};
  for (const key of SPECIALS) {
    const text = tokenText(tokenizerConfig[key]);
    if (text !== undefined) specials[key] = text;
  }
  if (jinja !== undefined && jinja.trim() !== "") {
    return { template: jinja, file: "chat_template.jinja", specials };
  }
  const t = tokenizerConfig.chat_template;
  if (t === undefined || t === null || t === "") return undefined;
  if (typeof t === "string") return { template: t, file: CONFIG, specials };
  const named = Array.isArray(t)
    ? t.find((x) => (x as { name?: unknown })?.name === "default") as
      | { template?: unknown }
      | undefined
    : undefined;
  if (typeof named?.template === "string") {
    return { template: named.template, file: CONFIG, specials };
  }
  throw new ModelError("chat_template is neither a string nor named templates with a default", {
    file: configFile,
    field: "chat_template",
    value: Array.isArray(t) ? t.map((x) => (x as { name?: unknown })?.name) : typeof t,
  });
}

/**
 * The prompt an instruction model sees: `prompt` (the task's instruction, demonstrations and
 * input, trailing whitespace dropped) as the one user turn, then the assistant's opening.
 *
 * @throws {ModelError} the template does not parse or render (naming its file).
 */
export function renderChat(chat: ChatTemplate, prompt: string): string {
  try {
    return new Template(chat.template).render({
      messages: [{ role: "user", content: prompt.trimEnd() }],
      add_generation_prompt: true,
      ...chat.specials,
    });
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new ModelError(`cannot render the chat template (${why})`, {
      file: chat.file,
      field: "chat_template",
      cause,
    });
  }
}
