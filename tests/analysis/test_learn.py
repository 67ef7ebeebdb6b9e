"""pathcheck learn: the compression and expansion of a prior-knowledge network, the family
of logic models held to brute force over every subset of candidate terms, each model's
error re-predicted from the hypothesis file it is written as, and bad input refused."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from pathcheck import api
from pathcheck.analysis.learn import Learned, bound_rss, discretizer, learn
from pathcheck.analysis.pkn import Term, candidate_terms, compress, term_count
from pathcheck.base.problems import InputError, Location
from pathcheck.formats.midas import Measurement, Midas
from pathcheck.formats.sif import PriorKnowledge, SignedEdge
from tests.oracle import logic_models
from tests.repository import Writer

HERE = Location("test", 1, 1)


def pkn(*edges: tuple[str, int, str]) -> PriorKnowledge:
    return PriorKnowledge("pkn.sif", tuple(SignedEdge(s, sign, t, HERE) for s, sign, t in edges))


def midas(
    stimuli: tuple[str, ...],
    inhibitors: tuple[str, ...],
    rows: list[tuple[tuple[str, ...], tuple[str, ...], dict[str, float]]],
    time: float = 10.0,
) -> Midas:
    readouts = tuple(dict.fromkeys(r for _, _, values in rows for r in values))
    measured = tuple(
        Measurement(on, off, time, tuple(values.items()), Location("data.csv", i + 2, 1))
        for i, (on, off, values) in enumerate(rows)
    )
    return Midas("data.csv", stimuli + inhibitors, readouts, measured, stimuli, inhibitors)


def test_compression_bridges_a_node_with_one_regulator_and_multiplies_signs() -> None:
    # x is neither stimulated, inhibited nor read: a -| x -> b becomes a -| b
    network = compress(["a", "x", "b"], [("a", -1, "x"), ("x", 1, "b")], ["a", "b"])
    assert network.nodes == ("a", "b") and network.edges == (("a", -1, "b"),)
    assert network.removed == ("x",)


def test_compression_hands_every_regulator_to_a_single_target() -> None:
    edges = [("a", 1, "x"), ("b", -1, "x"), ("x", -1, "r")]
    network = compress(["a", "x", "b", "r"], edges, ["a", "b", "r"])
    assert set(network.edges) == {("a", -1, "r"), ("b", 1, "r")}


def test_compression_keeps_a_node_that_joins_and_splits() -> None:
    edges = [("a", 1, "x"), ("b", 1, "x"), ("x", 1, "r"), ("x", 1, "s")]
    network = compress(["a", "b", "x", "r", "s"], edges, ["a", "b", "r", "s"])
    assert "x" in network.nodes and not network.removed


def test_compression_may_join_two_nodes_with_both_signs() -> None:
    # a reaches r through x (+) and through y (-): both edges survive, and a term may use
    # either sign of a, never both
    edges = [("a", 1, "x"), ("x", 1, "r"), ("a", -1, "y"), ("y", 1, "r")]
    network = compress(["a", "x", "y", "r"], edges, ["a", "r"])
    assert sorted(network.edges) == [("a", -1, "r"), ("a", 1, "r")]
    terms = candidate_terms(network)
    assert [t.text() for t in terms] == ["a", "~a"]
    assert sum(term_count(network).values()) == 2


def test_terms_are_every_conjunction_of_distinct_regulators_up_to_length() -> None:
    nodes = ["a", "b", "c", "r"]
    network = compress(nodes, [("a", 1, "r"), ("b", -1, "r"), ("c", 1, "r")], nodes)
    assert len(candidate_terms(network)) == 7 == term_count(network)["r"]
    assert len(candidate_terms(network, 2)) == 6 == term_count(network, 2)["r"]
    assert str(Term("r", (("a", 1), ("b", -1)))) == "r <- a & ~b"


def test_caspos_bound_and_discretisation_in_its_own_float_steps() -> None:
    assert bound_rss(1234, 0.1) == int(1234 + 1234 * 0.1) == 1357
    assert discretizer("round", 100)(0.125) == 12  # Python rounds half to even
    assert discretizer("floor", 100)(0.999) == 99 and discretizer("ceil", 100)(0.001) == 1


NAMES = ["a", "b", "c", "d", "e"]
VALUES = st.sampled_from([0.0, 0.1, 0.35, 0.5, 0.8, 1.0, math.nan])


@st.composite
def instances(draw: st.DrawFn) -> tuple[PriorKnowledge, Midas]:
    nodes = NAMES[: draw(st.integers(3, len(NAMES)))]
    stimuli = tuple(draw(st.lists(st.sampled_from(nodes), unique=True, min_size=1, max_size=2)))
    edges = draw(
        st.lists(
            st.tuples(st.sampled_from(nodes), st.sampled_from([1, -1]), st.sampled_from(nodes)),
            max_size=5,
            unique_by=lambda e: (e[0], e[2]),
        )
    )
    # a path from a stimulus, so that some model is more than the empty one
    first = draw(st.sampled_from([n for n in nodes if n != stimuli[0]]))
    edges = [(stimuli[0], 1, first), *[e for e in edges if e[0] != stimuli[0] or e[2] != first]]
    others = [n for n in nodes if n not in stimuli]
    inhibitors = tuple(draw(st.lists(st.sampled_from(others), unique=True, max_size=1)))
    readouts = [first, *draw(st.lists(st.sampled_from(nodes), unique=True, max_size=2))]
    readouts = list(dict.fromkeys(readouts))
    rows = []
    for _ in range(draw(st.integers(2, 5))):
        on = tuple(s for s in stimuli if draw(st.booleans()))
        off = tuple(i for i in inhibitors if draw(st.booleans()))
        values = {r: draw(VALUES) for r in readouts}
        rows.append((on, off, {r: v for r, v in values.items() if not math.isnan(v)}))
    assume(any(values for _, _, values in rows))
    return pkn(*edges), midas(stimuli, inhibitors, rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(instances(), st.sampled_from([0.0, 0.1, 1.0, 3.0]), st.integers(0, 4))
def test_the_family_is_every_model_within_the_bounds(
    instance: tuple[PriorKnowledge, Midas], fit: float, size: int
) -> None:
    network, data = instance
    designated = (*data.stimuli, *data.inhibitors, *data.readouts)
    compressed = compress(
        network.nodes, [(e.source, e.sign, e.target) for e in network.edges], designated
    )
    terms = candidate_terms(compressed)
    assume(len(terms) <= 9)
    discrete = discretizer("round", 100)
    clamps = [
        {**{s: s in row.stimuli for s in data.stimuli}, **dict.fromkeys(row.inhibited, False)}
        for row in data.rows
    ]
    costs = [
        [(r, (100 - discrete(v)) ** 2, discrete(v) ** 2) for r, v in row.values]
        for row in data.rows
    ]
    every = logic_models(terms, data.stimuli, data.readouts, clamps, costs)
    best = min(every.values())
    bounds = bound_rss(best[0], fit), best[1] + size
    expected = {
        frozenset(terms[i] for i in subset): scored
        for subset, scored in every.items()
        if scored[0] <= bounds[0] and scored[1] <= bounds[1]
    }
    found = learn(network, data, fit=fit, size=size)
    assert (found.optimum_rss, found.optimum_size) == best
    assert {frozenset(m.terms): (m.rss, m.size) for m in found.models} == expected
    assert len(found.models) == len(expected)  # each model once
    event(f"{min(len(expected), 5)} models")


TOY = pkn(("s", 1, "x"), ("t", -1, "x"), ("x", 1, "r"), ("t", 1, "q"), ("x", -1, "q"))
TOY_DATA = midas(
    ("s", "t"),
    ("x",),
    [
        ((), (), {"r": 0.1, "q": 0.0}),
        (("s",), (), {"r": 0.9, "q": 0.1}),
        (("t",), (), {"r": 0.2, "q": 0.8}),
        (("s", "t"), (), {"r": 0.7, "q": 0.3}),
        (("s",), ("x",), {"r": 0.1, "q": 0.05}),
    ],
)


def test_written_models_validate_and_predict_their_own_error(tmp_path: Path) -> None:
    found = learn(TOY, TOY_DATA, fit=5.0, size=3)
    assert len(found.models) == 11
    files = found.hypotheses()
    assert len(files) == len(found.models)
    folder = tmp_path / "learned"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    report = api.validate(list(folder.iterdir()), folder=folder, experiments=[])
    assert not [f for f in report.findings if f.severity.value == "error"]
    for model, name in zip(found.models, files, strict=True):
        hypothesis = api.load_hypothesis(folder / name)
        squares, count = 0.0, 0
        for row in TOY_DATA.rows:
            predicted = api.predict(hypothesis, on=list(row.stimuli), off=list(row.inhibited))
            for readout, value in row.values:
                on = predicted.readouts[readout]
                assert isinstance(on, bool)
                squares += (value - on) ** 2
                count += 1
        assert math.isclose(squares / count, model.mse)


def test_frequencies_count_each_term_across_the_family() -> None:
    found = learn(TOY, TOY_DATA, fit=5.0, size=3)
    for term, share in found.frequencies:
        assert share == sum(term in m.terms for m in found.models) / len(found.models)
    payload = found.to_dict()
    assert payload["optimum"]["rss"] == found.optimum_rss == found.models[0].rss
    assert len(payload["models"]) == len(found.models)
    assert isinstance(found, Learned)


@pytest.mark.parametrize(
    ("data", "time", "message"),
    [
        (TOY_DATA, 30.0, "data.csv:1:1: no row at time 30 (the times: 10)"),
        (
            midas(("s",), ("s",), [((), (), {"r": 0.1})]),
            None,
            "s: both a stimulus and an inhibitor",
        ),
        (midas(("s",), (), [((), (), {"r": math.inf})]), None, "data.csv:2:1: a value is a finite"),
    ],
)
def test_bad_data_is_located(data: Midas, time: float | None, message: str) -> None:
    with pytest.raises(InputError) as caught:
        learn(TOY, data, time=time)
    assert message in str(caught.value)


def test_an_instance_too_large_is_refused_up_front_with_what_to_narrow() -> None:
    wide = pkn(*[(f"s{i}", 1, "r") for i in range(16)])
    data = midas(tuple(f"s{i}" for i in range(16)), (), [((), (), {"r": 0.5})])
    with pytest.raises(InputError) as caught:
        learn(wide, data)
    text = str(caught.value)
    assert "pkn.sif: 65,535 candidate terms after compression, past the bound of 10,000" in text
    assert "(the most: r 65,535)" in text and "--length 3" in text


def test_a_family_past_the_bound_is_refused_not_cut() -> None:
    with pytest.raises(InputError) as caught:
        learn(TOY, TOY_DATA, fit=10.0, size=5, max_models=2)
    assert "more than 2 models lie within the tolerances (--fit 10, --size 5)" in str(caught.value)


def test_the_sif_and_midas_readers_feed_learn(write: Writer) -> None:
    sif = write("pkn.sif", "s 1 r\nt -1 r\n")
    data = write(
        "data.csv", "TR:c:CellLine,TR:s,TR:t,DA:r,DV:r\n1,0,0,0,0\n1,1,0,10,1\n1,0,1,10,0\n"
    )
    from pathcheck.formats.midas import read_midas
    from pathcheck.formats.sif import read_sif

    found = learn(read_sif(sif), read_midas(data))
    assert [m.rules() for m in found.models] == [{"r": "s"}, {"r": "~t"}]  # both fit exactly
    assert found.time == 10 and found.experiments == 2 and found.models[0].mse == 0


def test_a_notebook_shows_the_family_short_as_text_and_as_a_table() -> None:
    found = learn(TOY, TOY_DATA, fit=5.0, size=3)
    assert repr(found).startswith("<Learned from pkn.sif and data.csv: 11 models within --fit 5")
    shown = found._repr_html_()
    assert shown.startswith('<table class="pathcheck">') and "<td>" in shown
