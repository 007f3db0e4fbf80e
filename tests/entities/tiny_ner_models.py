"""Tiny real NER models for the entities tests, built offline in seconds.

``build_tiny_stanza_ner(dir, lang)`` trains a Stanza NER tagger the way Stanza
trains its own (``python -m stanza.models.ner_tagger``), on sentences written
for these tests (not taken from any corpus): 16-dimension random word vectors
for their vocabulary become the ``pretrain`` (stanza.models.common.pretrain),
the BIO sentences become Stanza's JSON
(``stanza.utils.datasets.ner.prepare_ner_file``), and a network of a few
thousand weights trains for 20 steps on one CPU thread. The Persian tagger
learns arman-style tags (``pers org loc fac pro event``), the Arabic one
AQMAR-style tags (``PER LOC ORG MISC``), so that the label mapping of the
backend sees what the real models emit. A ``resources.json`` names the model
and its pretrain, so the folder loads with ``download_method=None``.

``build_tiny_camel_ner(dir)`` saves a randomly initialised
``BertForTokenClassification`` (hidden size 32, 2 layers) with CAMeL's nine
labels and a ``vocab.txt`` of a few hundred word pieces at
``<dir>/data/ner/arabert``, the place ``camel_data -i ner-arabert`` puts the
real model (catalogue-1.6: dataset path ``ner/arabert`` under
``$CAMELTOOLS_DATA/data``). No ``catalogue.json`` is written.

Neither model tags well: the tests check the plumbing.
"""

from __future__ import annotations

import json
import lzma
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

#: Persian sentences of (word, tag) written for these tests, arman-style tags.
FA_SENTENCES = [
    "علی/B-pers رضایی/I-pers دیروز به تهران/B-loc رفت .",
    "مریم/B-pers در دانشگاه/B-org تهران/I-org درس می‌خواند .",
    "شرکت/B-org ملی/I-org نفت/I-org ایران/I-org قرارداد تازه‌ای بست .",
    "حسن/B-pers روحانی/I-pers در مشهد/B-loc سخنرانی کرد .",
    "جام/B-event جهانی/I-event فوتبال/I-event در قطر/B-loc برگزار شد .",
    "برج/B-fac میلاد/I-fac در شمال/O غرب/O تهران/B-loc است .",
    "سارا/B-pers با گوشی/O سامسونگ/B-pro عکس گرفت .",
    "خبرگزاری/B-org ایرنا/I-org از اصفهان/B-loc گزارش داد .",
    "رضا/B-pers و زهرا/B-pers به شیراز/B-loc سفر کردند .",
    "بانک/B-org مرکزی/I-org نرخ ارز را اعلام کرد .",
    "نمایشگاه/B-event کتاب/I-event تهران/I-event امروز آغاز شد .",
    "محمد/B-pers احمدی/I-pers مدیر شرکت/B-org ایران‌خودرو/I-org شد .",
    "باران در تبریز/B-loc و ارومیه/B-loc ادامه دارد .",
    "فرودگاه/B-fac امام/I-fac خمینی/I-fac امروز شلوغ بود .",
    "وزارت/B-org بهداشت/I-org درباره آنفلوانزا هشدار داد .",
    "نرگس/B-pers کتاب تازه‌اش را در کرمان/B-loc معرفی کرد .",
    "تیم/B-org پرسپولیس/I-org در ورزشگاه/B-fac آزادی/I-fac بازی کرد .",
    "امیر/B-pers کریمی/I-pers از دانشگاه/B-org شریف/I-org فارغ‌التحصیل شد .",
    "سیل در گلستان/B-loc خسارت زیادی زد .",
    "جشنواره/B-event فیلم/I-event فجر/I-event در بهمن برگزار می‌شود .",
    "فاطمه/B-pers با پژو/B-pro به کار می‌رود .",
    "سازمان/B-org ملل/I-org درباره افغانستان/B-loc بیانیه داد .",
    "پدرم در بوشهر/B-loc زندگی می‌کند .",
    "کوروش/B-pers در پاسارگاد/B-loc به دنیا آمد .",
    "مجلس/B-org شورای/I-org اسلامی/I-org بودجه را تصویب کرد .",
    "هوا امروز آفتابی است .",
    "بچه‌ها در پارک بازی می‌کنند .",
    "لیلا/B-pers از رشت/B-loc به کرج/B-loc رفت .",
    "دانشگاه/B-org علامه/I-org طباطبایی/I-org کلاس‌ها را مجازی کرد .",
    "حسین/B-pers جعفری/I-pers در نمایشگاه/B-event خودرو/I-event شرکت کرد .",
]

#: Arabic sentences of (word, tag) written for these tests, AQMAR-style tags.
AR_SENTENCES = [
    "زار محمد/B-PER علي/I-PER القاهرة/B-LOC أمس .",
    "أعلنت شركة/B-ORG أرامكو/I-ORG عن أرباح جديدة .",
    "سافرت فاطمة/B-PER إلى بيروت/B-LOC مع عائلتها .",
    "عقدت جامعة/B-ORG الأزهر/I-ORG مؤتمرا في القاهرة/B-LOC .",
    "قال أحمد/B-PER حسن/I-PER إن الاقتصاد يتحسن .",
    "فاز فريق/B-ORG الهلال/I-ORG في الرياض/B-LOC .",
    "نشرت وكالة/B-ORG الأنباء/I-ORG خبرا عن دمشق/B-LOC .",
    "يعيش خالد/B-PER في عمان/B-LOC منذ سنوات .",
    "افتتح المعرض/B-MISC الدولي/I-MISC للكتاب/I-MISC في الشارقة/B-LOC .",
    "التقت سارة/B-PER بوزير الخارجية في تونس/B-LOC .",
    "أصدرت الأمم/B-ORG المتحدة/I-ORG تقريرا عن اليمن/B-LOC .",
    "كتب نجيب/B-PER محفوظ/I-PER روايات كثيرة .",
    "هطلت أمطار غزيرة على بغداد/B-LOC والبصرة/B-LOC .",
    "وقع البنك/B-ORG المركزي/I-ORG اتفاقا مع صندوق/B-ORG النقد/I-ORG .",
    "شاهد يوسف/B-PER مباراة كأس/B-MISC العالم/I-MISC في الدوحة/B-LOC .",
    "درست ليلى/B-PER الطب في جامعة/B-ORG دمشق/I-ORG .",
    "الجو مشمس اليوم .",
    "يلعب الأطفال في الحديقة .",
    "زار عمر/B-PER مدينة الإسكندرية/B-LOC في الصيف .",
    "أعلنت وزارة/B-ORG الصحة/I-ORG عن حملة تطعيم .",
    "ولد طه/B-PER حسين/I-PER في المنيا/B-LOC .",
    "استضافت الرباط/B-LOC مؤتمر/B-MISC المناخ/I-MISC .",
    "تحدث مريم/B-PER عن شركة/B-ORG سامسونج/I-ORG .",
    "انطلقت الرحلة من مطار/B-LOC القاهرة/I-LOC الدولي/I-LOC .",
    "نشرت صحيفة/B-ORG الأهرام/I-ORG مقالا طويلا .",
    "عاد علي/B-PER إلى الخرطوم/B-LOC بعد غياب .",
    "قرر مجلس/B-ORG الأمن/I-ORG عقد جلسة طارئة .",
    "يحب سعيد/B-PER القراءة في المساء .",
    "وصل الوفد إلى الجزائر/B-LOC صباح اليوم .",
    "فازت نادية/B-PER بجائزة/B-MISC نوبل/I-MISC .",
]

SENTENCES = {"fa": FA_SENTENCES, "ar": AR_SENTENCES}
#: The package names in resources.json: <lang>/ner/tiny.pt and <lang>/pretrain/tiny.pt.
PACKAGE = "tiny"
#: Enough steps for the tagger to tag some training names (a second or two more than 20).
MAX_STEPS = "200"
LANG_NAMES = {"fa": "Persian", "ar": "Arabic"}
#: The label set of CAMeL Tools' NER model (camel_tools.ner._LABELS), in its order.
CAMEL_LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]


def parse(sentence: str) -> list[tuple[str, str]]:
    """``word/TAG word ...`` -> [(word, tag), ...]; a word without a tag is O."""
    pairs = []
    for item in sentence.split():
        word, _, tag = item.partition("/")
        pairs.append((word, tag or "O"))
    return pairs


def tagged_sentences(lang: str) -> list[list[tuple[str, str]]]:
    return [parse(sentence) for sentence in SENTENCES[lang]]


def _write_bio(path: Path, sentences: list[list[tuple[str, str]]]) -> None:
    lines = []
    for sentence in sentences:
        lines.extend(f"{word}\t{tag}" for word, tag in sentence)
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def resources_json(langs) -> dict:
    """A resources.json naming the tiny NER model (and its pretrain) of each language."""
    return {
        lang: {
            "lang_name": LANG_NAMES.get(lang, lang),
            "tokenize": {"default": {}},
            "ner": {PACKAGE: {"dependencies": [{"model": "pretrain", "package": PACKAGE}]}},
            "pretrain": {PACKAGE: {}},
            "default_processors": {"tokenize": "default", "ner": PACKAGE},
        }
        for lang in langs
    }


def build_tiny_stanza_ner(model_dir: Path, lang: str, work_dir: Path | None = None) -> Path:
    """Train the tiny ``lang`` NER tagger into ``model_dir`` (``<lang>/ner/tiny.pt``,
    ``<lang>/pretrain/tiny.pt``) and add ``lang`` to its ``resources.json``."""
    from stanza.models.common.pretrain import Pretrain
    from stanza.utils.datasets.ner.prepare_ner_file import process_dataset

    model_dir = Path(model_dir)
    work_dir = Path(work_dir) if work_dir else model_dir.parent / f"work-{lang}"
    work_dir.mkdir(parents=True, exist_ok=True)
    sentences = tagged_sentences(lang)

    # 1. Random 16-dimension vectors for the vocabulary, word2vec text in .xz.
    vocab = sorted({word for sentence in sentences for word, _ in sentence})
    rng = random.Random(1234)
    rows = [f"{len(vocab)} 16"]
    rows += [" ".join([word, *(f"{rng.uniform(-1, 1):.4f}" for _ in range(16))]) for word in vocab]
    emb = work_dir / "tiny_emb.xz"
    with lzma.open(emb, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(rows) + "\n")
    pretrain_dir = model_dir / lang / "pretrain"
    pretrain_dir.mkdir(parents=True, exist_ok=True)
    pretrain_path = pretrain_dir / f"{PACKAGE}.pt"
    Pretrain(str(pretrain_path), str(emb)).load()

    # 2. BIO -> Stanza's JSON.
    files = {}
    for name, part in (("train", sentences), ("dev", sentences[:8])):
        bio, js = work_dir / f"{name}.bio", work_dir / f"{name}.json"
        _write_bio(bio, part)
        process_dataset(str(bio), str(js))
        files[name] = js

    # 3. Stanza's trainer, in a child process (it seeds RNGs and sets up logging
    # globally), on one thread (two OpenMP threads on a network this small spin).
    save_dir = model_dir / lang / "ner"
    command = [
        sys.executable, "-m", "stanza.models.ner_tagger",
        "--wordvec_pretrain_file", str(pretrain_path),
        "--train_file", str(files["train"]), "--eval_file", str(files["dev"]),
        "--shorthand", f"{lang}_tiny", "--max_steps", MAX_STEPS, "--optim", "adam", "--lr", "0.01", "--cpu",
        "--hidden_dim", "16", "--char_hidden_dim", "8", "--char_emb_dim", "8", "--batch_size", "8",
        "--save_dir", str(save_dir), "--save_name", f"{PACKAGE}.pt", "--seed", "1234",
    ]  # fmt: skip
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env, cwd=work_dir)
    if done.returncode != 0 or not (save_dir / f"{PACKAGE}.pt").is_file():
        raise RuntimeError(f"training the tiny Stanza NER tagger ({lang}) failed:\n{done.stderr[-3000:]}")

    with _RESOURCES_LOCK:  # two languages may be built into one folder at once
        _add_to_resources(model_dir, lang)
    return model_dir


_RESOURCES_LOCK = threading.Lock()


def _add_to_resources(model_dir: Path, lang: str) -> None:
    resources_path = model_dir / "resources.json"
    resources = json.loads(resources_path.read_text(encoding="utf-8")) if resources_path.is_file() else {}
    resources.update(resources_json([lang]))
    resources_path.write_text(json.dumps(resources, ensure_ascii=False), encoding="utf-8")


def build_tiny_camel_ner(data_dir: Path) -> Path:
    """Save a random tiny BERT token classifier with CAMeL's labels at
    ``<data_dir>/data/ner/arabert``; returns that model folder."""
    from transformers import BertConfig, BertForTokenClassification

    model_path = Path(data_dir) / "data" / "ner" / "arabert"
    model_path.mkdir(parents=True, exist_ok=True)
    words = sorted({word for sentence in tagged_sentences("ar") for word, _ in sentence})
    pieces = sorted({char for word in words for char in word})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words, *pieces, *(f"##{char}" for char in pieces)]
    vocab = list(dict.fromkeys(vocab))
    (model_path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    (model_path / "tokenizer_config.json").write_text(json.dumps({"do_lower_case": False}), encoding="utf-8")
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,  # CAMeL pads every input to 256 word pieces
        num_labels=len(CAMEL_LABELS),
        id2label=dict(enumerate(CAMEL_LABELS)),
        label2id={label: index for index, label in enumerate(CAMEL_LABELS)},
    )
    import torch

    torch.manual_seed(1234)
    BertForTokenClassification(config).save_pretrained(str(model_path))
    return model_path
