"""Teaching material built on the pipeline: critique sheets, worksheets, comparison and grading."""
