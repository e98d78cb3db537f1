"""RFC 9162 hashing and proofs, checked against the reference recursion and by round trips."""

from hypothesis import given, settings
from hypothesis import strategies as st

from regulation import merkle


def leaves(n):
    return [merkle.leaf_hash(f"entry {i}".encode()) for i in range(n)]


def by_list(hashes):
    return lambda start, end: merkle.root(hashes[start:end])


def by_perfect_store(hashes):
    """Serve subtrees only from perfect aligned nodes, as the database store does."""
    store = {(0, i): h for i, h in enumerate(hashes)}
    for i in range(len(hashes)):
        for level, position in merkle.parents_completed(i):
            store[(level, position)] = merkle.node_hash(
                store[(level - 1, 2 * position)], store[(level - 1, 2 * position + 1)]
            )

    def subtree(start, end):
        parts = []
        for a, b in merkle.perfect_ranges(start, end):
            level = (b - a).bit_length() - 1
            parts.append(store[(level, a >> level)])
        return merkle.combine(parts)

    return subtree


def test_known_answers_from_rfc_structure():
    assert merkle.root([]) == merkle.EMPTY_ROOT
    a, b, c = leaves(3)
    assert merkle.root([a, b, c]) == merkle.node_hash(merkle.node_hash(a, b), c)


@settings(max_examples=60)
@given(st.integers(min_value=1, max_value=70), st.data())
def test_inclusion_proofs_round_trip_and_the_store_agrees_with_the_reference(size, data):
    hashes = leaves(size)
    expected = merkle.root(hashes)
    store = by_perfect_store(hashes)
    assert store(0, size) == expected
    index = data.draw(st.integers(min_value=0, max_value=size - 1))
    path = merkle.inclusion_path(index, size, store)
    assert path == merkle.inclusion_path(index, size, by_list(hashes))
    assert merkle.verify_inclusion(hashes[index], index, size, path, expected)
    wrong = merkle.leaf_hash(b"forged")
    assert not merkle.verify_inclusion(wrong, index, size, path, expected)


@settings(max_examples=60)
@given(st.integers(min_value=1, max_value=70), st.data())
def test_consistency_proofs_round_trip(second, data):
    hashes = leaves(second)
    first = data.draw(st.integers(min_value=1, max_value=second))
    path = merkle.consistency_path(first, second, by_perfect_store(hashes))
    first_root, second_root = merkle.root(hashes[:first]), merkle.root(hashes)
    assert merkle.verify_consistency(first, second, first_root, second_root, path)
    if first < second:
        forked = hashes[: first - 1] + [merkle.leaf_hash(b"rewritten")] + hashes[first:]
        assert not merkle.verify_consistency(first, second, merkle.root(forked[:first]), second_root, path)


def test_negative_indexes_never_verify():
    hashes = leaves(8)
    path = merkle.inclusion_path(7, 8, by_list(hashes))
    assert not merkle.verify_inclusion(hashes[7], -1, 8, path, merkle.root(hashes))
