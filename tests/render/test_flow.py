"""The flow sheet: read back with openpyxl, every answer sits beside what it answers."""
from __future__ import annotations

import io
import time

import openpyxl
import pytest

from argmap.render.flow import MAX_COLUMNS, column_names, flow_cells, flow_html, flow_xlsx


@pytest.mark.parametrize("side", ["pro", "con"])
def test_each_answer_is_in_the_next_column_from_the_row_of_what_it_answers(china_map, side):
    cells = flow_cells(china_map, side)
    contentions = [a for a in china_map.arguments.values() if a.target == china_map.resolution
                   and china_map.claims[a.premises[0]].side == side and a.relation != "undercut"]
    assert [c.text.split(" [")[0] for c in cells if c.column == 0] == [
        china_map.claims[a.premises[0]].text for a in contentions]          # the China contentions have one premise
    for cell in cells:
        if cell.column:
            parents = [c for c in cells if c.column == cell.column - 1 and c.row <= cell.row]
            assert parents and parents[-1].side != cell.side            # beside what it answers, by the other side
    assert max(c.column for c in cells) >= 1


def test_the_workbook_and_page_hold_the_same_flow_and_are_reproducible(china_map):
    data = flow_xlsx(china_map)
    time.sleep(1.1)                                          # openpyxl stamps the time of saving, to the second
    assert data == flow_xlsx(china_map)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Pro case", "Con case"]
    for side, sheet in zip(("pro", "con"), book.worksheets, strict=True):
        assert [c.value for c in sheet[1]] == column_names(side)
        cells = flow_cells(china_map, side)
        assert {(c.row + 2, c.column + 1): c.text for c in cells} == {
            (cell.row, cell.column): cell.value for row in sheet.iter_rows(min_row=2) for cell in row if cell.value}
    page = flow_html(china_map)
    assert page.count("<table>") == 2 and page.count("<th scope") == 2 * MAX_COLUMNS
    assert sum(len(flow_cells(china_map, s)) for s in ("pro", "con")) == page.count('<td class="')
