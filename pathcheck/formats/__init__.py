"""Files in and out: bounded, located YAML and the field's exchange formats (.bnet,
SBML-qual, SIF, MIDAS), each format's reader beside its writer, and the JSON Schemas."""
