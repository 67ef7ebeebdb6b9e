"""Every file format, read and written: YAML, .bnet, SBML-qual, SIF, MIDAS, the schemas."""
