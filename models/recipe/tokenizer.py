"""Byte-level BPE tokenizer: trainer, encoder/decoder, and Hugging Face tokenizer.json writer.

The pre-tokenizer is a `Split` on an ASCII-only regular expression (same meaning in Python `re`
and in JavaScript), followed by GPT-2's byte-to-unicode mapping (`ByteLevel`, use_regex=false).
The decoder is `ByteLevel`, so decode(encode(x)) == x for every string: every byte has a token.
"""

import json
import re
from collections import Counter, defaultdict

PAD, EOS, UNK, BOS = "<pad>", "</s>", "<unk>", "<s>"
SPECIALS = [PAD, EOS, UNK, BOS]  # ids 0, 1, 2, 3

# GPT-2's split rule, with explicit ASCII classes so JS (with the u flag) and Python agree.
SPLIT_PATTERN = (
    r"'(?:s|t|re|ve|m|ll|d)| ?[A-Za-z]+| ?[0-9]+| ?[^ \t\n\rA-Za-z0-9]+"
    r"|[ \t\n\r]+(?![^ \t\n\r])|[ \t\n\r]+"
)
_SPLIT = re.compile(SPLIT_PATTERN)


def bytes_to_unicode():
    """GPT-2's reversible map from the 256 byte values to printable unicode characters."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\xa1"), ord("\xac") + 1))
    bs += list(range(ord("\xae"), ord("\xff") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


BYTE_ENC = bytes_to_unicode()
BYTE_DEC = {v: k for k, v in BYTE_ENC.items()}


def pre_tokenize(text):
    """Split text into pieces and map each piece's UTF-8 bytes to byte-level characters."""
    return ["".join(BYTE_ENC[b] for b in piece.encode("utf-8")) for piece in _SPLIT.findall(text)]


def train_bpe(texts, vocab_size):
    """Learn BPE merges from an iterable of strings; returns (vocab dict, merges list)."""
    words = Counter()
    for t in texts:
        words.update(pre_tokenize(t))
    alphabet = [BYTE_ENC[b] for b in range(256)]
    vocab = {tok: i for i, tok in enumerate(SPECIALS)}
    for ch in alphabet:
        vocab[ch] = len(vocab)
    word_syms = [list(w) for w in words]
    word_freq = [words[w] for w in words]
    pair_count = defaultdict(int)
    where = defaultdict(set)
    for wi, syms in enumerate(word_syms):
        f = word_freq[wi]
        for a, b in zip(syms, syms[1:]):
            pair_count[(a, b)] += f
            where[(a, b)].add(wi)
    merges = []
    while len(vocab) < vocab_size and pair_count:
        best = max(pair_count.items(), key=lambda kv: (kv[1], kv[0]))[0]
        if pair_count[best] < 2:
            break
        a, b = best
        merged = a + b
        merges.append(best)
        vocab[merged] = len(vocab)
        for wi in list(where[best]):
            syms = word_syms[wi]
            f = word_freq[wi]
            for p in zip(syms, syms[1:]):
                pair_count[p] -= f
                if pair_count[p] <= 0:
                    del pair_count[p]
            out = []
            i = 0
            while i < len(syms):
                if i + 1 < len(syms) and syms[i] == a and syms[i + 1] == b:
                    out.append(merged)
                    i += 2
                else:
                    out.append(syms[i])
                    i += 1
            word_syms[wi] = out
            for p in zip(out, out[1:]):
                pair_count[p] += f
                where[p].add(wi)
        del where[best]
        pair_count.pop(best, None)
    return vocab, merges


class Tokenizer:
    """Encoder/decoder matching the Hugging Face BPE model built by `to_hf_json`."""

    def __init__(self, vocab, merges):
        self.vocab = vocab
        self.inv = {i: t for t, i in vocab.items()}
        self.merges = [tuple(m) for m in merges]
        self.ranks = {m: i for i, m in enumerate(self.merges)}
        self.cache = {}
        self.pad_id, self.eos_id, self.unk_id, self.bos_id = (vocab[t] for t in SPECIALS)

    def _bpe(self, piece):
        hit = self.cache.get(piece)
        if hit is not None:
            return hit
        syms = list(piece)
        while len(syms) > 1:
            best, best_rank = None, None
            for p in zip(syms, syms[1:]):
                r = self.ranks.get(p)
                if r is not None and (best_rank is None or r < best_rank):
                    best, best_rank = p, r
            if best is None:
                break
            out, i = [], 0
            while i < len(syms):
                if i + 1 < len(syms) and syms[i] == best[0] and syms[i + 1] == best[1]:
                    out.append(syms[i] + syms[i + 1])
                    i += 2
                else:
                    out.append(syms[i])
                    i += 1
            syms = out
        ids = [self.vocab[s] for s in syms]
        self.cache[piece] = ids
        return ids

    def encode(self, text):
        """Token ids of text, without special tokens."""
        ids = []
        for piece in pre_tokenize(text):
            ids.extend(self._bpe(piece))
        return ids

    def decode(self, ids):
        """Text of ids, skipping special tokens."""
        chars = "".join(self.inv[i] for i in ids if i >= len(SPECIALS))
        return bytes(BYTE_DEC[c] for c in chars).decode("utf-8", errors="replace")

    def __len__(self):
        return len(self.vocab)

    def to_hf_json(self, family):
        """tokenizer.json text. family 'decoder' adds <s> in front; 'seq2seq' appends </s>."""
        added = [
            {"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True}
            for i, t in enumerate(SPECIALS)
        ]
        if family == "plain":
            single = [{"Sequence": {"id": "A", "type_id": 0}}]
            pair = single + [{"Sequence": {"id": "B", "type_id": 1}}]
            special = {}
        elif family == "decoder":
            single = [{"SpecialToken": {"id": BOS, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}]
            pair = single + [{"Sequence": {"id": "B", "type_id": 1}}]
            special = {BOS: {"id": BOS, "ids": [self.bos_id], "tokens": [BOS]}}
        else:
            single = [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": EOS, "type_id": 0}}]
            pair = [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                    {"SpecialToken": {"id": EOS, "type_id": 1}}]
            special = {EOS: {"id": EOS, "ids": [self.eos_id], "tokens": [EOS]}}
        doc = {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": added,
            "normalizer": None,
            "pre_tokenizer": {
                "type": "Sequence",
                "pretokenizers": [
                    {"type": "Split", "pattern": {"Regex": SPLIT_PATTERN}, "behavior": "Isolated",
                     "invert": False},
                    {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                     "use_regex": False},
                ],
            },
            "post_processor": {"type": "TemplateProcessing", "single": single, "pair": pair,
                               "special_tokens": special},
            "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                        "use_regex": False},
            "model": {
                "type": "BPE", "dropout": None, "unk_token": None,
                "continuing_subword_prefix": None, "end_of_word_suffix": None,
                "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                "vocab": self.vocab,
                "merges": [[a, b] for a, b in self.merges],
            },
        }
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))

    def dumps(self):
        """The trainer's own format (vocab and merges), read back by load()."""
        return json.dumps({"vocab": self.vocab, "merges": self.merges}, ensure_ascii=False)

    @staticmethod
    def load(path):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        return Tokenizer(d["vocab"], d["merges"])


def config_files(family, model_max_length):
    """tokenizer_config.json and special_tokens_map.json contents for a model family."""
    decoder_added = {
        str(i): {"content": t, "lstrip": False, "normalized": False, "rstrip": False,
                 "single_word": False, "special": True}
        for i, t in enumerate(SPECIALS)
    }
    cfg = {
        "added_tokens_decoder": decoder_added,
        "bos_token": BOS, "eos_token": EOS, "pad_token": PAD, "unk_token": UNK,
        "clean_up_tokenization_spaces": False,
        "model_max_length": model_max_length,
        "tokenizer_class": "PreTrainedTokenizerFast",
        "add_bos_token": family == "decoder",
        "add_eos_token": family == "seq2seq",
        "padding_side": "left" if family == "decoder" else "right",
    }
    special = {"bos_token": BOS, "eos_token": EOS, "pad_token": PAD, "unk_token": UNK}
    return cfg, special
