"""The 20 people's statistics from locust's CSV become the table's figures, whatever locust
writes for a page nobody opened in the measured time."""

from kvalitet.bench import run


def _row(name, count, p50, p95, failures=0):
    return {
        "Name": name,
        "Request Count": str(count),
        "Failure Count": str(failures),
        "50%": p50,
        "95%": p95,
    }


def test_pages_become_figures_and_an_unread_page_is_not_a_verdict():
    table = run.Table()
    rows = [
        _row("organisations:start", 40, "60", "130"),
        _row("feedback:inbox", 30, "90", "180"),
        _row("plans:list", 0, "N/A", "N/A"),  # not opened after the warm-up
        _row("sign-in (POST)", 0, "N/A", "N/A"),
        _row("Aggregated", 70, "70", "160", failures=1),
    ]
    run.people_table(table, rows, seconds=60, log=lambda _message: None)
    verdicts = {row["figure"]: row["verdict"] for row in table.rows}
    assert verdicts == {
        "p95 staff pages, 20 people (60 s)": "MISSED",  # p95 160 ms and one failure
        "p95 staff feedback:inbox (20 people)": "MISSED",
        "p95 staff organisations:start (20 people)": "ok",
        "p95 staff plans:list (20 people)": "n/a",
    }
    overall = next(row for row in table.rows if "pages" in row["figure"])
    assert "p95 160 ms, 70 requests, 1 failed" in overall["measured"]


def test_no_statistics_is_a_miss():
    table = run.Table()
    run.people_table(table, [_row("Aggregated", 0, "N/A", "N/A")], seconds=5, log=print)
    assert [row["verdict"] for row in table.rows] == ["MISSED"]
