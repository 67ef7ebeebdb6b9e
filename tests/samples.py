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
