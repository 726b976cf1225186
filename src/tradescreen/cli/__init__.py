"""The ``tradescreen`` command line: a thin layer over the stage functions."""
