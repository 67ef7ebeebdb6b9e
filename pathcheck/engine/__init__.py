"""The prediction semantics computed: the explicit search, the symbolic one with BDDs,
and the one prediction that whichever of them answers gives."""
