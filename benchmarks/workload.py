"""The content the benchmark speaks: shaped like a kanji set, a vocabulary list and passages.

Everything is made from a fixed seed, so every run and every configuration speaks the
same texts. Readings are drawn with Zipf-like weights from pools of real on'yomi,
kun'yomi (in dictionary notation: `か.つ`, `-び`) and example words, which is where the
repeats of a real kanji set come from: コウ, ショウ or セイ are the on'yomi of dozens of
kanji, the `reading` field repeats the first on'yomi, and a compound such as がっこう is an
example of both of its kanji.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from tts_assets.content.text import clean


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ONYOMI = _words(
    "コウ ショウ セイ カ シ キ ジ カン ケン トウ ソウ ジョウ キョウ ホウ セン シン ユウ "
    "タイ ダイ チョウ ヨウ ケイ テイ ハン ゴ ニチ ジツ ゲツ ガツ スイ モク キン ド ジン "
    "ニン ハク メイ ミョウ ガク コク ギョ バイ シャ リョク ロク ハチ キュウ サン イチ "
    "ゴウ ヒャク ソク ブン モン ドウ ショク ホン テン エキ デン"
)
KUNYOMI = _words(
    "ひ -び つき みず き かね つち やま かわ た ひと こ おんな おとこ め みみ て あし "
    "くち うえ した なか おお.きい ちい.さい やす.む い.く おこな.う き.る た.べる "
    "の.む み.る き.く か.く よ.む はな.す か.う あ.う で.る はい.る ひのと か.つ "
    "あたら.しい ふる.い たか.い やす.い なが.い あか あお しろ くろ おと- -ち まな.ぶ "
    "あ.がる さき いのち ほし"
)
EXAMPLES = _words(
    "まいにち にっき こんげつ がっこう せんせい ともだち でんしゃ ひこうき しんぶん "
    "がくせい にほん にほんご じかん ちゅうごく らいしゅう せんしゅう てんき げんき "
    "びょういん ぎんこう ゆうびんきょく えいが おんがく しゃしん りょこう かいしゃ "
    "しごと でんわ たいせつ だいがく こうこう しょうがっこう すいようび もくようび "
    "きんようび どようび にちようび かようび げつようび やまのぼり かわぐち ひとびと "
    "おとこのこ おんなのこ こども じんこう にんき がいこく こくご さんぽ ひゃくえん"
)
SENTENCES = (
    "毎日日本語を勉強しています。",
    "駅の前で友達に会いました。",
    "明日は雨が降るでしょう。",
    "この本はとても面白いです。",
    "週末に山へ行きたいです。",
    "先生に手紙を書きました。",
    "朝ご飯を食べましたか。",
    "図書館は九時に開きます。",
    "新しい靴を買いました。",
    "電車はもうすぐ来ます。",
)
VOCABULARY = (
    ("勉強", "べんきょう"),
    ("駅", "えき"),
    ("雨", "あめ"),
    ("本", "ほん"),
    ("山", "やま"),
    ("手紙", "てがみ"),
    ("朝ご飯", "あさごはん"),
    ("図書館", "としょかん"),
    ("靴", "くつ"),
    ("電車", "でんしゃ"),
)
PASSAGES = (
    "毎朝、私は近くの公園を散歩します。空気がきれいで、とても気持ちがいいです。"
    "公園には大きな木がたくさんあって、春には桜の花が咲きます。犬と一緒に歩いている人や、"
    "ベンチで新聞を読んでいるお年寄りもいます。子供たちは池の周りを走って、鳥に声をかけて"
    "います。私はいつも同じ道を一周してから、池のそばで少し休みます。水の音を聞いていると、"
    "心が静かになります。散歩のあとで、家に帰って温かいお茶を飲みます。それから朝ご飯を"
    "食べて、仕事の準備をします。雨の日は歩けないので、少し残念です。そんな日は、窓を開けて"
    "雨の音を聞きながら、ゆっくりコーヒーを飲みます。週末には、友達と一緒に少し遠くの公園まで"
    "歩くこともあります。",
    "今日は朝から雨が降っています。友達と海へ出かける予定でしたが、家にいることに"
    "しました。窓の外を見ながら、前から読みたかった本を読みました。主人公が一人で長い旅を"
    "する話で、途中で何度も困ったことが起きます。それでも彼はあきらめずに、毎日少しずつ"
    "前へ進みます。午後になると、雨が少し弱くなりました。台所でカレーを作って、母に電話を"
    "かけました。母は元気そうで、来月こちらに遊びに来ると言っていました。夕方には雨が"
    "やんで、西の空が赤くなりました。明日は晴れるといいですね。晴れたら、今日行けなかった"
    "海へ行くつもりです。友達にもう一度連絡して、朝早く駅で会う約束をしました。",
    "駅までは歩いて十分ぐらいです。途中に小さなパン屋があって、朝はいつもいいにおいが"
    "します。店のご主人はとても親切で、私の顔を覚えてくれました。時々、焼きたてのパンを"
    "一つおまけしてくれます。駅の前には大きな本屋と銀行があります。電車は朝とても混んで"
    "いるので、私は少し早く家を出るようにしています。座れた日は、電車の中で日本語の"
    "単語を覚えます。会社に着くまでに、二十個ぐらい覚えられます。帰りは疲れているので、"
    "音楽を聞きながら窓の外をながめます。駅に着くと、もう外は暗くなっています。家の近くの"
    "店で夕ご飯の材料を買って、ゆっくり歩いて帰ります。",
    "去年の夏、家族と一緒に北海道へ旅行しました。飛行機で二時間ぐらいでした。空港から"
    "車で湖の近くのホテルまで行きました。ホテルの部屋から湖と山がよく見えて、とても"
    "きれいでした。次の日は朝早く起きて、牧場で牛や馬を見ました。しぼりたての牛乳は"
    "甘くて、とてもおいしかったです。昼ご飯には新鮮な魚とカニを食べました。夜は町の"
    "お祭りに行って、花火を見ました。東京よりずっと涼しくて、毎日気持ちよく過ごせ"
    "ました。最後の日には、小さな店で家族へのおみやげを買いました。弟はチョコレートを、"
    "母はきれいなガラスのコップを選びました。また家族で行きたいと思っています。",
    "私の趣味は料理です。子供のころ、祖母と一緒に台所に立つのが大好きでした。祖母は"
    "何でも上手に作りましたが、特に卵焼きとみそ汁がおいしかったです。今は一人で"
    "暮らしているので、週末にまとめて料理をします。日曜日の朝、近くの市場で野菜や肉を"
    "買います。季節の野菜は安くて、味もいいです。最近はインターネットで外国の料理も"
    "調べて、いろいろ作ってみています。失敗することもありますが、それも楽しいです。"
    "この前は、友達に教えてもらったスープを作りました。少し辛かったですが、体が温まりました。"
    "友達を家に呼んで、作った料理を一緒に食べる時間が一番好きです。",
)


@dataclass(frozen=True)
class Workload:
    """What a content folder asks to be spoken."""

    texts: list[str]
    """Every spoken text, in content order, repeats included (as tts-assets cleans it)."""

    @property
    def unique(self) -> list[str]:
        """Each spoken text once, in first-seen order: the work that must be synthesized."""
        return list(dict.fromkeys(self.texts))


def _zipf(rng: random.Random, pool: tuple[str, ...] | list[str], k: int) -> list[str]:
    """`k` distinct picks from `pool`, the first entries far more likely (as in real sets)."""
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(pool))]
    picks: list[str] = []
    while len(picks) < k:
        (pick,) = rng.choices(pool, weights)
        if pick not in picks:
            picks.append(pick)
    return picks


def write_content(
    data_dir: Path, kanji: int = 40, vocabulary: int = 12, words: int = 4, seed: int = 7
) -> Workload:
    """Write kanji.json and vocabulary.json in the built-in shapes; return what they speak.

    With the defaults: about 300 texts, mostly short kana readings, some words and a few
    example sentences, and a little over half of them repeats.
    """
    rng = random.Random(seed)
    data_dir.mkdir(parents=True, exist_ok=True)
    onyomi = [_zipf(rng, ONYOMI, rng.choice((1, 2, 2, 3))) for _ in range(kanji)]
    kunyomi = [_zipf(rng, KUNYOMI, rng.choice((0, 1, 2, 2, 3))) for _ in range(kanji)]
    examples = [_zipf(rng, EXAMPLES, rng.choice((1, 2, 2, 3))) for _ in range(kanji)]
    entries = [
        {
            "id": f"k{n:03d}",
            "character": chr(0x4E00 + 37 * n),
            "onyomi": onyomi[n],
            "kunyomi": kunyomi[n],
            "examples": [{"reading": r} for r in examples[n]],
        }
        for n in range(kanji)
    ]
    # `vocabulary` entries over `words` distinct words: a list repeats some of its words.
    words_ = [VOCABULARY[n % words] for n in range(vocabulary)]
    sentences = [SENTENCES[n % words] for n in range(vocabulary)]
    vocab = [
        {"id": f"v{n:03d}", "word": word, "reading": reading, "examples": [{"sentence": sentence}]}
        for n, ((word, reading), sentence) in enumerate(zip(words_, sentences, strict=True))
    ]
    _write(data_dir / "kanji.json", entries)
    _write(data_dir / "vocabulary.json", vocab)
    # The order the built-in types read their fields in: field by field, entry by entry.
    texts = [(on or kun)[0] for on, kun in zip(onyomi, kunyomi, strict=True)]
    texts += [r for readings in onyomi for r in readings]
    texts += [r for readings in kunyomi for r in readings]
    spoken = [clean(t, "reading") for t in texts]
    spoken += [r for readings in examples for r in readings]
    spoken += [word for word, _ in words_] + sentences
    return Workload(spoken)


def write_passages(data_dir: Path, count: int = 5, chars: int = 300) -> Workload:
    """Write readings.json with `count` passages of about `chars` characters.

    Each passage is its first sentences, as many as keep it within `chars` (at least one).
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    chosen = [_first_sentences(PASSAGES[n % len(PASSAGES)], chars) for n in range(count)]
    _write(
        data_dir / "readings.json",
        [{"id": f"r{n:03d}", "text": text} for n, text in enumerate(chosen)],
    )
    return Workload(chosen)


def _first_sentences(text: str, chars: int) -> str:
    sentences = [s + "。" for s in text.split("。") if s]
    kept = sentences[0]
    for sentence in sentences[1:]:
        if len(kept) + len(sentence) > chars:
            break
        kept += sentence
    return kept


def write_large_kanji(data_dir: Path, entries: int = 4_000) -> int:
    """Write a kanji.json of `3 * entries` spoken texts, half of them repeats; return the count.

    Each entry speaks its reading (a repeat of its on'yomi), its on'yomi (distinct) and a
    kun'yomi that one other entry shares.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    doc = []
    for n in range(entries):
        onyomi = ONYOMI[n % len(ONYOMI)] + kana(n // len(ONYOMI))
        kunyomi = kana(n // 2) + ".る"
        doc.append({"id": f"k{n:05d}", "onyomi": [onyomi], "kunyomi": [kunyomi]})
    _write(data_dir / "kanji.json", doc)
    return 3 * entries


def kana(n: int) -> str:
    """A distinct kana spelling of `n` (`benchmarks/scale.py` suffixes its copies with it)."""
    digits = ""
    while True:
        n, rest = divmod(n, len(KANA))
        digits += KANA[rest]
        if not n:
            return digits


KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ"


def _write(path: Path, doc: object) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


PARTICLES = ("の", "と", "や", "も")


def write_unique(data_dir: Path, count: int, seed: int = 11) -> Workload:
    """Write a grammar.json of `count` distinct texts, one per entry; return them.

    Every text is drawn from one distribution whatever `count` is (nine in ten a phrase
    of two example words, `がっこうのせんせい`; one in ten a short sentence around one),
    so the cost of a clip is the same at every size and a per-clip cost that grows with
    the size is the tool's, not the workload's.
    """
    rng = random.Random(seed)
    data_dir.mkdir(parents=True, exist_ok=True)
    texts: dict[str, None] = {}
    while len(texts) < count:
        a, b = rng.choice(EXAMPLES), rng.choice(EXAMPLES)
        sentence = rng.random() < 0.1
        texts[f"{a}は{b}のちかくです。" if sentence else f"{a}{rng.choice(PARTICLES)}{b}"] = None
    unique = list(texts)
    _write(
        data_dir / "grammar.json",
        [{"id": f"g{n:05d}", "examples": [{"japanese": t}]} for n, t in enumerate(unique)],
    )
    return Workload(unique)
