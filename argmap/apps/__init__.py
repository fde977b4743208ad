"""The applications on top of the pipeline: the CLI, the build, project scaffolding."""
