"""corpuskit.parallel: how the stream is cut into worker tasks."""

from corpuskit.parallel import CHUNK_CHARS, CHUNK_SIZE, _chunks


def records(*lengths):
    return [{"text": "x" * n} for n in lengths]


def test_chunks_end_at_the_record_count():
    chunks = list(_chunks(records(*[10] * 300), 128, CHUNK_CHARS))
    assert [len(c) for c in chunks] == [128, 128, 44]


def test_chunks_end_at_the_character_budget():
    # long documents make short chunks, so memory is bounded by characters
    chunks = list(_chunks(records(400, 400, 400, 400, 900, 5), 128, 1000))
    assert [[len(r["text"]) for r in c] for c in chunks] == [[400, 400, 400], [400, 900], [5]]


def test_items_that_are_not_records_count_no_characters():
    items = ["marker", {"text": 1}, *records(10), ("end",)]
    # only the record's 10 characters count: the chunk ends right after it
    assert list(_chunks(items, 128, 5)) == [items[:3], items[3:]]
    assert list(_chunks(items, 128, 11)) == [items]
    assert list(_chunks(items, 2, 10**6)) == [items[:2], items[2:]]


def test_every_item_comes_out_once_in_order():
    items = [*records(*range(0, 3000, 7)), "marker"]
    assert [item for chunk in _chunks(items, CHUNK_SIZE, 5000) for item in chunk] == items
