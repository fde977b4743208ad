"""Stage 2, check: references, cycles, quote verification and source coverage.

``argmap.check`` the function (the public API) is :func:`argmap.check.checker.check`."""
