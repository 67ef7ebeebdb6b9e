"""The Python API as a notebook user meets it: one import, plain values, checked types."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pathcheck
from pathcheck.model import family_size, readings
from tests.repository import (
    EXPERIMENTS,
    FROZEN_EXPERIMENTS,
    FROZEN_HYPOTHESES,
    HYPOTHESES,
    ROOT,
    Writer,
)


def test_import_pathcheck_imports_nothing_heavy() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, pathcheck; print(sorted(m for m in ('sympy', 'yaml', 'rich', 'typer') "
            "if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_predict_gives_plain_states_and_readouts() -> None:
    parallel = pathcheck.load_hypothesis("parallel", folder=HYPOTHESES)
    deleted = pathcheck.predict(parallel, on=["ketamine"], off=["VEGF"], setting="in_vivo")
    assert deleted.readouts["behaviour"] is False
    assert deleted.clamps == {"ketamine": True, "VEGF@pyramidal": False}
    assert all(
        set(s) == set(parallel.nodes) for a in deleted.attractors or [] for s in a.states or []
    )
    assert deleted.value("plasticity@pyramidal") is False
    rest = pathcheck.predict(parallel, setting="in_vivo")
    assert len(rest.fixed_points) == 2 and len(rest.excluded_fixed_points) == 1
    loop = {f"{n}@pyramidal": 1 for n in ("BDNF", "VEGF", "TRKB", "FLK1")}
    assert pathcheck.predict(parallel, start=loop).readouts["behaviour"] is True
    # BDNF alone may fall back before it recruits the loop: both fates are reachable
    alone = pathcheck.predict(parallel, start={"BDNF@pyramidal": 1})
    assert alone.readouts["behaviour"] == "ambiguous"
    with pytest.raises(pathcheck.InputError, match="setting 'in-vivo' is not declared"):
        pathcheck.predict(parallel, setting="in-vivo")
    with pytest.raises(pathcheck.InputError, match="start: 'BDNF' is no node"):
        pathcheck.predict(parallel, start={"BDNF": 1})


def test_compare_family_check_and_validate() -> None:
    tables = pathcheck.load_experiments([EXPERIMENTS])
    chosen = [pathcheck.load_hypothesis(n, folder=HYPOTHESES) for n in ("serial_loop", "parallel")]
    result = pathcheck.compare(chosen, experiments=tables)
    payload = result.to_dict()
    assert payload["hypotheses"]["parallel"]["summary"]["mismatched"] == 0
    assert payload["hypotheses"]["serial_loop"]["experiments"]["K2"]["readouts"]["behaviour"][
        "hinges_on"
    ] == ["vegf_source"]
    json.dumps(payload)  # plain data all the way down
    found = pathcheck.family(chosen[0], experiments=tables, top=2)
    (family,) = [r for r in result.readings if r.hypothesis.name == "serial_loop"]
    assert found.total == len(family.readings) and len(found.scored) == 2
    assert found.fitting == family.fitting > 0
    gate = pathcheck.check(ROOT / "pathcheck.toml")
    assert gate.exit_code == 0
    report = pathcheck.validate([HYPOTHESES / "parallel.yaml"])
    assert report.exit_code == 0 and report.errors == 0


@pytest.mark.slow
def test_a_user_file_type_checks_under_mypy_strict(tmp_path: Path, write: Writer) -> None:
    if shutil.which("mypy", path=os.path.dirname(sys.executable)) is None:
        pytest.skip("mypy is not installed beside this interpreter")
    user = write(
        "notebook.py",
        """
        import pathcheck

        parallel = pathcheck.load_hypothesis("parallel")
        prediction: pathcheck.Prediction = pathcheck.predict(parallel, off=["VEGF"])
        behaviour: bool | str | None = prediction.readouts["behaviour"]
        states: list[dict[str, int]] = prediction.fixed_points
        result: pathcheck.Comparison = pathcheck.compare(["parallel"])
        matched: int = result.summaries[0].matched
        code: int = pathcheck.check().exit_code
        """,
    )
    done = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "mypy"), "--strict", str(user)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_submodule_shadows_an_api_name() -> None:
    """Importing ``pathcheck.x`` sets the package's attribute ``x``: a module named like
    an API function would replace it once anything imported that module."""
    import importlib
    import pkgutil
    import types

    for found in pkgutil.walk_packages(pathcheck.__path__, "pathcheck."):
        if found.name != "pathcheck.__main__":
            importlib.import_module(found.name)
    shadowed = [n for n in pathcheck.__all__ if isinstance(getattr(pathcheck, n), types.ModuleType)]
    assert not shadowed


def test_compare_reports_its_progress_over_every_reading() -> None:
    seen: list[tuple[int, int]] = []
    pathcheck.compare(
        ["parallel", "serial_loop"],
        experiments=[EXPERIMENTS],
        progress=lambda d, t: seen.append((d, t)),
        folder=HYPOTHESES,
    )
    # every member of each family, in every reading of the data, one tick each
    tables = pathcheck.load_experiments([EXPERIMENTS])
    data = len(list(readings(tables)))
    chosen = [pathcheck.load_hypothesis(n, folder=HYPOTHESES) for n in ("parallel", "serial_loop")]
    total = sum(family_size(h) for h in chosen) * data
    assert seen[-1] == (total, total) and [d for d, _ in seen] == list(range(1, total + 1))


def test_the_package_offers_exactly_the_apis_names() -> None:
    """pathcheck.__all__ is written out (importing the API to read it would cost the
    start-up); it must stay the API's and the notebook's lists, plus the version, and it
    is all that dir() and tab completion offer."""
    from pathcheck import api, notebook

    public = sorted([*api.__all__, *notebook.__all__, "__version__"])
    assert sorted(pathcheck.__all__) == public
    assert dir(pathcheck) == public
    assert not {"Any", "TYPE_CHECKING", "annotations"} & set(dir(pathcheck))


def test_tables_given_loaded_and_as_paths_are_all_scored() -> None:
    """A notebook may pass a table it loaded beside a path: neither is dropped."""
    ketamine, rest = EXPERIMENTS / "deyama2019_ketamine.yaml", EXPERIMENTS / "lepack2015.yaml"
    (loaded,) = pathcheck.load_experiments([ketamine])
    both = pathcheck.compare(["parallel"], experiments=[loaded, rest], readings="default")
    files = {row.experiment.location.file for row in both.rows}
    assert files == {str(ketamine), str(rest)}


def test_repair_takes_its_options_by_keyword_and_gives_plain_data() -> None:
    import inspect

    parameters = list(inspect.signature(pathcheck.repair).parameters.values())
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters[1:])
    found = pathcheck.repair(  # serial as bundled before issue 17 declared its readings
        "serial[vegf_source=pyramidal]",
        experiments=[FROZEN_EXPERIMENTS],
        rules=["plasticity@pyramidal", "BDNF@pyramidal"],
        folder=FROZEN_HYPOTHESES,
    )
    assert found.fits and {r.edits for r in found.repairs} == {2}
    data = found.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["targets"] == ["serial[vegf_source=pyramidal]"]
    assert [f["experiment"] for f in data["repairs"][0]["fixes"]] == ["D6", "D8", "D10"]


def test_what_is_sent_to_a_worker_pickles_even_built_by_hand() -> None:
    """family --workers and a Dask cluster pickle hypotheses and tables: one built in a
    notebook from the defaults, and every bundled one, must cross (a mappingproxy
    default once did not)."""
    import pickle

    from pathcheck.model import ExperimentFile, Hypothesis, Source

    by_hand = ExperimentFile("t.yaml", Source("t"), "t", ())
    assert pickle.loads(pickle.dumps(by_hand)) == by_hand
    defaults = {k: v for k, v in Hypothesis._field_defaults.items()}
    assert all(type(v).__name__ != "mappingproxy" for v in defaults.values())
    for table in pathcheck.load_experiments([EXPERIMENTS]):
        pickle.dumps(table._replace(spec=None))
        assert pickle.loads(pickle.dumps(table)).experiments == table.experiments
