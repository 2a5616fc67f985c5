"""The case form: input widgets, their binding to `case.data`, and one section per part of the case."""
