"""Fixtures for the tokenizer tests: a tiny real Stanza tokenizer for Persian.

``stanza_tiny_dir`` builds it once per test session in a temporary folder, the
way Stanza builds its own: the sentences below (written for these tests, not
taken from any corpus) become CoNLL-U, Stanza's data utilities turn that into
its plain text and per-character label files
(``stanza.utils.datasets.conllu_to_text``, ``prepare_tokenizer_data``), and
Stanza's trainer (``python -m stanza.models.tokenizer``) trains a network of a
few thousand weights for 200 steps on one CPU thread (about 10 s; the model
file is ~55 KB). A ``resources.json`` naming it makes the folder load offline
with ``stanza.Pipeline(lang='fa', dir=..., processors='tokenize',
download_method=None)``.
Its accuracy does not matter: the tests check the plumbing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpuskit.tokenize.tokenizer import tokens

#: Persian sentences written for these tests, four to a paragraph.
SENTENCES = """\
امروز هوا آفتابی است و بچه‌ها در پارک بازی می‌کنند.
کتابخانهٔ شهر از ساعت هشت صبح باز می‌شود.
مادرم برای شام سوپ جو درست کرد.
آیا فردا به کوه می‌روی؟
قطار تهران به مشهد ده دقیقه تأخیر داشت.
من هر روز صبح یک لیوان چای می‌نوشم.
دانشجویان در کلاس دربارهٔ تاریخ ایران بحث کردند.
این خیابان شب‌ها خیلی شلوغ است!
برادرم در یک شرکت کوچک نرم‌افزار کار می‌کند.
باران از دیشب بند نیامده است.
لطفاً در را پشت سرت ببند.
قیمت نان در این ماه دو برابر شد.
ما تابستان گذشته به شیراز سفر کردیم.
گربهٔ همسایه روی دیوار خوابیده بود.
چرا این‌قدر دیر آمدی؟
معلم گفت: «تمرین‌ها را تا شنبه بفرستید.»
در باغ ما درخت انار و انجیر هست.
او ۳ سال در اصفهان زندگی کرد.
نمایشگاه کتاب امسال در اردیبهشت برگزار می‌شود.
پدربزرگم داستان‌های قدیمی را خوب به یاد دارد.
کودکان با شادی به سوی دریا دویدند.
این فیلم را دو بار دیده‌ام، ولی باز هم دوستش دارم.
ساعت چند جلسه شروع می‌شود؟
دوستم یک دوچرخهٔ آبی خرید.
رودخانه در بهار پرآب‌تر است.
ما باید پیش از تاریکی به خانه برگردیم.
کارگران پل تازه را در ۶ ماه ساختند.
خواهرم نقاشی را از کودکی دوست داشت.
هوای کوهستان سرد و پاک است.
فروشنده گفت که میوه‌ها تازه‌اند.
در این روستا همه یکدیگر را می‌شناسند.
صدای موسیقی از پنجره به گوش می‌رسید.
امشب ماه کامل است؛ بیا به بام برویم.
نامه را دیروز پست کردم.
بچه‌ها، ساکت باشید!
او در مسابقهٔ دو، نفر دوم شد.
اتوبوس آخر ساعت یازده حرکت می‌کند.
کشاورزان گندم را در تابستان درو می‌کنند.
بیمارستان تازه در شمال شهر ساخته شد.
فردا امتحان ریاضی داریم و من هنوز آماده نیستم.
چه کسی این گل‌ها را آورده است؟
مهمان‌ها تا نیمه‌شب ماندند.
""".splitlines()

#: The package name in resources.json and the model file fa/tokenize/tiny.pt.
PACKAGE = "tiny"
RESOURCES = {
    "fa": {
        "lang_name": "Persian",
        "tokenize": {PACKAGE: {}},
        "packages": {"default": {"tokenize": PACKAGE}},
        "default_processors": {"tokenize": PACKAGE},
    }
}
#: A tiny network and a few training steps: builds in seconds on one CPU core.
TRAIN_ARGS = [
    "--lang", "fa", "--shorthand", "fa_tiny",
    "--emb_dim", "16", "--hidden_dim", "16", "--conv_filters", "1",
    "--batch_size", "16", "--max_seqlen", "100",
    "--steps", "200", "--eval_steps", "1000000", "--report_steps", "50",
    "--no_use_mwt", "--cpu", "--seed", "1234",
]  # fmt: skip


def to_conllu(sentences: list[str], per_paragraph: int = 4) -> str:
    """CoNLL-U of ``sentences`` split by corpuskit's own tokenizer, with
    ``SpaceAfter=No`` where tokens touch and ``# newpar`` every few sentences."""
    lines = []
    for number, sentence in enumerate(sentences):
        if number % per_paragraph == 0:
            lines.append("# newpar")
        lines.append(f"# text = {sentence}")
        spans = tokens(sentence)
        for index, (start, end) in enumerate(spans):
            glued = index + 1 < len(spans) and spans[index + 1][0] == end
            misc = "SpaceAfter=No" if glued else "_"
            lines.append("\t".join([str(index + 1), sentence[start:end], *["_"] * 7, misc]))
        lines.append("")
    return "\n".join(lines) + "\n"


def build_tiny_stanza_tokenizer(model_dir: Path, work_dir: Path) -> Path:
    """Train the tiny Persian tokenizer into ``model_dir`` (``resources.json`` and
    ``fa/tokenize/tiny.pt``), with ``work_dir`` for the training files."""
    from stanza.utils.datasets import conllu_to_text, prepare_tokenizer_data

    work_dir.mkdir(parents=True, exist_ok=True)
    files = {}
    for name, sentences in (("train", SENTENCES), ("dev", SENTENCES[:8])):
        conllu, txt, labels, mwt = (work_dir / f"{name}.{ext}" for ext in ("conllu", "txt", "labels", "mwt.json"))
        conllu.write_text(to_conllu(sentences), encoding="utf-8")
        conllu_to_text.convert_text(str(conllu), str(txt))
        prepare_tokenizer_data.main([str(txt), str(conllu), "-o", str(labels), "-m", str(mwt)])
        files[name] = (txt, labels, mwt)
    (train_txt, train_labels, train_mwt), (dev_txt, dev_labels, _) = files["train"], files["dev"]
    save_dir = model_dir / "fa" / "tokenize"
    command = [
        sys.executable, "-m", "stanza.models.tokenizer", "--mode", "train",
        "--txt_file", str(train_txt), "--label_file", str(train_labels), "--mwt_json_file", str(train_mwt),
        "--dev_txt_file", str(dev_txt), "--dev_label_file", str(dev_labels),
        "--save_dir", str(save_dir), "--save_name", f"{PACKAGE}.pt", *TRAIN_ARGS,
    ]  # fmt: skip
    # A child process: the trainer seeds every RNG and sets up logging globally.
    # One thread: on a busy machine, two OpenMP threads on a network this small
    # spin against each other (10 s single-threaded, up to 70 s with two).
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    if done.returncode != 0 or not (save_dir / f"{PACKAGE}.pt").is_file():
        raise RuntimeError(f"training the tiny Stanza tokenizer failed:\n{done.stderr[-3000:]}")
    (model_dir / "resources.json").write_text(json.dumps(RESOURCES), encoding="utf-8")
    return model_dir


@pytest.fixture(scope="session")
def stanza_tiny_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Stanza model folder holding only the tiny Persian tokenizer."""
    pytest.importorskip("stanza", reason="stanza is not installed")
    root = tmp_path_factory.mktemp("stanza-tiny")
    started = time.monotonic()
    model_dir = build_tiny_stanza_tokenizer(root / "models", root / "data")
    print(f"tiny Stanza tokenizer built in {time.monotonic() - started:.1f} s")
    return model_dir
