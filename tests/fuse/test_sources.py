from eventwire.fuse.sources import (credited_wires, independent_sources, original_publishers,
                                    source_info)
from eventwire.fuse.reprints import find_reprints


def _xinhua_copy(kit, outlet):
    # an outlet running the Xinhua dispatch under its own name, dateline kept
    return kit.article(kit.wire_text(f"{outlet} headline on the Kestrel floods", kit.flood[:5]),
                       outlet=outlet, published="2024-03-03")


def test_wire_from_dateline_is_the_original_publisher(kit):
    info = source_info(_xinhua_copy(kit, "The Straits Times"))
    assert info.outlet == "The Straits Times"
    assert info.wires == ("Xinhua",)
    assert info.publishers == ("Xinhua",)


def test_two_outlets_reprinting_xinhua_are_one_source(kit):
    st, cna = _xinhua_copy(kit, "The Straits Times"), _xinhua_copy(kit, "CNA")
    assert independent_sources([st, cna]) == 1


def test_reuters_and_xinhua_are_two_sources(kit):
    xinhua = _xinhua_copy(kit, "The Straits Times")
    reuters = kit.article("BEIRUT, Oct 15 (Reuters) - Rescuers in Kestrel said the toll had risen to 29.",
                           outlet="Reuters")
    assert independent_sources([xinhua, reuters]) == 2


def test_credit_line_at_the_end_names_the_wire(kit):
    art = kit.article("Floods in Kestrel\nThe toll rose to 27 on Tuesday, officials said.\n(AFP)",
                       outlet="Gulf Daily")
    assert credited_wires(art) == ("Agence France-Presse",)
    assert source_info(art).publishers == ("Agence France-Presse",)


def test_reporter_bylines_are_not_wires(kit):
    art = kit.article("Floods in Kestrel\nThe toll rose to 27.\nReporting by Anna Berg", outlet="Gulf Daily")
    assert credited_wires(art) == ()
    assert source_info(art).publishers == ("Gulf Daily",)


def test_uncredited_reprint_counts_as_its_original(kit):
    original = kit.article(kit.wire_text("Floods kill 27", kit.flood), outlet="Xinhua",
                            published="2024-03-03")
    # the dateline (and with it the wire credit) was stripped by the reprinting outlet
    body = [kit.flood[0].split("-- ", 1)[1]] + kit.flood[1:6]
    reprint = kit.article(kit.wire_text("Kestrel floods", body), outlet="Harbour Times", published="2024-03-04")
    assert source_info(reprint).publishers == ("Harbour Times",)
    links = find_reprints([original, reprint])
    assert links[reprint.id] == original.id
    assert original_publishers({a.id: a for a in (original, reprint)}, links)[reprint.id] == ("Xinhua",)
    assert independent_sources([original, reprint], links) == 1
    assert independent_sources([original, reprint]) == 2  # without reprint links they look independent


def test_articles_without_any_source_each_count_once(kit):
    a = kit.article("A fire broke out in the market on Monday, witnesses said.")
    b = kit.article("Firefighters were still at the market late on Monday night.")
    assert independent_sources([a, b]) == 2
