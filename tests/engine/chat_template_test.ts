/**
 * Chat templates as the models ship them, rendered with @huggingface/jinja: SmolLM2-Instruct's
 * template (verbatim from its tokenizer_config.json) gives the ChatML prompt its makers
 * intended, with its default system turn; `chat_template.jinja` wins over the config's; named
 * templates use `default`; a model without one has none; a broken one is an error naming it.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ModelError } from "../../src/core/errors.ts";
import { parseChatTemplate, renderChat } from "../../src/engine/chat_template.ts";
import { readChatTemplate } from "../../src/engine/chat_template_file.ts";

/** SmolLM2-135M-Instruct's `chat_template` (tokenizer_config.json). */
const SMOLLM2_TEMPLATE = "{% for message in messages %}" +
  "{% if loop.first and messages[0]['role'] != 'system' %}" +
  "{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}" +
  "{% endif %}" +
  "{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}" +
  "{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

Deno.test("chat template: SmolLM2-Instruct's renders the ChatML prompt with its system turn", () => {
  const chat = parseChatTemplate({
    chat_template: SMOLLM2_TEMPLATE,
    bos_token: "<|im_start|>",
    eos_token: "<|im_end|>",
    pad_token: "<|im_end|>",
  }, undefined);
  assert.ok(chat);
  assert.equal(chat.file, "tokenizer_config.json");
  assert.deepEqual(chat.specials, {
    bos_token: "<|im_start|>",
    eos_token: "<|im_end|>",
    pad_token: "<|im_end|>",
  });
  assert.equal(
    renderChat(chat, "Summarize: the cat sat.\nSummary:\n"),
    "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face" +
      "<|im_end|>\n<|im_start|>user\nSummarize: the cat sat.\nSummary:<|im_end|>\n" +
      "<|im_start|>assistant\n",
  );
});

Deno.test("chat template: special tokens reach the template; jinja file and named defaults", () => {
  const withBos = "{{ bos_token }}{% for m in messages %}[{{ m['role'] }}] {{ m['content'] }}" +
    "{{ eos_token }}{% endfor %}{% if add_generation_prompt %}[assistant] {% endif %}";
  const cfg = { chat_template: withBos, bos_token: { content: "<s>" }, eos_token: "</s>" };
  assert.equal(
    renderChat(parseChatTemplate(cfg, undefined)!, "hi"),
    "<s>[user] hi</s>[assistant] ",
  );
  // chat_template.jinja beside the model wins over tokenizer_config.json's
  const jinja = parseChatTemplate(cfg, "{{ messages[0]['content'] | upper }}")!;
  assert.equal(jinja.file, "chat_template.jinja");
  assert.equal(renderChat(jinja, "hi"), "HI");
  const named = parseChatTemplate({
    chat_template: [{ name: "tool_use", template: "T" }, { name: "default", template: "D" }],
  }, undefined)!;
  assert.equal(renderChat(named, "x"), "D");
  assert.equal(parseChatTemplate({ eos_token: "</s>" }, undefined), undefined);
  assert.throws(
    () => parseChatTemplate({ chat_template: 7 }, undefined, "m/tokenizer_config.json"),
    (e: unknown) => e instanceof ModelError && e.message.includes("m/tokenizer_config.json"),
  );
});

Deno.test("chat template: a folder's is read, a broken one fails naming the file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.equal(await readChatTemplate(dir), undefined);
    const cfg = join(dir, "tokenizer_config.json");
    await Deno.writeTextFile(cfg, JSON.stringify({ chat_template: SMOLLM2_TEMPLATE }));
    assert.equal((await readChatTemplate(dir))?.template, SMOLLM2_TEMPLATE);
    await Deno.writeTextFile(cfg, JSON.stringify({ chat_template: "{% for m in messages %}" }));
    await assert.rejects(
      () => readChatTemplate(dir),
      (e: unknown) =>
        e instanceof ModelError && e.message.includes("cannot render the chat template") &&
        e.message.includes(cfg),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
