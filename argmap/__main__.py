"""``python -m argmap`` runs the command line."""
from argmap.apps.cli import run

run()
