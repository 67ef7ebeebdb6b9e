"""Small files several test modules share: a family of hypotheses with a choice and a gate
family, an outcome table whose cell group and clamps are each read two ways, and a
two-node hypothesis to format with its name, B's rule and what ``r`` reads."""

# A follows the drug; B's rule and the read-out are filled in: .format(name=, rule=, readout=)
DRUG = """
    name: {name}
    title: t
    source: s
    inputs: [drug]
    settings: {{in_vivo: {{}}}}
    nodes:
      A: drug
      B: {rule}
    readouts:
      r: {readout}
"""

# a family of four members: which cell releases the ligand, and the gate at the output
FAMILY = """
    name: fam
    title: A receptor whose ligand comes from one cell or another
    source: a test
    inputs: [drug]
    settings: {in_vivo: {}}
    edges:
      - R@a -> out
      - L@b -> out
    choices:
      source_cell:
        question: Which cell releases the ligand?
        source: '"the ligand might come from either cell" (a test)'
        options:
          a:
            nodes: {L@a: drug, R@a: L@a}
          b:
            nodes: {L@b: drug, R@a: L@b}
            readouts: {ligand: L@b}
    nodes:
      L@b: drug
      out: {gate: [and, or]}
    readouts:
      r: out
      ligand: L@b
"""

# two experiments, one reading a cell group two ways and one reading its clamps two ways
TABLE = """
    source: {citation: "Test 2025"}
    cell_groups:
      neuron:
        readings:
          excitatory: [pyramidal]
          all_neurons: [pyramidal, PV]
        default: excitatory
        reason: the abstract says "neuron-specific" without naming the neurons
    experiments:
      - id: E1
        label: t
        setting: in_vivo
        off: [VEGF@neuron]
        observed: {r: false}
        source: t
      - id: E2
        label: t
        setting: in_vivo
        on:
          readings: {trkb: [TRKB], flk1: [FLK1]}
          default: flk1
          reason: the drug is named in neither source
        observed: {r: true}
        source: t
"""

# what a hostile or careless file may say, in a label, a title, an id, a read-out: each
# language's metacharacters, so that every renderer has something to escape
HOSTILE_TEXT = (
    'x"] %%{init: {"securityLevel": "loose"}}%%\n'
    'click n0 href "javascript:alert(1)"\n'
    "# heading\n<img src=x onerror=alert(1)> [link](javascript:x) `code` *em* |pipe|\n"
    '\x1b[31mred\x1b[0m \x07 \u202eevil ::error::forged %0A =HYPERLINK("http://x") '
    "\\N \\l &amp; ]]> \x00"
)


def hostile_yaml(text: str = HOSTILE_TEXT) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    import json

    return json.dumps(text)


# a hypothesis and a table whose every free-text field is hostile
HOSTILE_HYPOTHESIS = """
name: hostile
title: {text}
source: {text}
description: {text}
inputs: [drug]
settings: {{in_vivo: {{}}}}
nodes:
  R@pyramidal: drug
  out@pyramidal: R@pyramidal
readouts:
  {text}: out@pyramidal
  r: out@pyramidal
"""

HOSTILE_TABLE = """
title: {text}
source: {{citation: {text}, pmid: {text}}}
experiments:
  - id: {text}
    label: {text}
    setting: in_vivo
    on: [drug]
    observed: {{{text}: false, r: true}}
    source: {text}
    note: {text}
    figure: {text}
  - id: E2
    label: {text}
    setting: in_vivo
    observed: {{r: true}}
    source: {text}
"""
