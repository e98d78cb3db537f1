"""Reports how many hostile examples each target received, at the end of the run."""

from tests.hostile.hostile import tried


def pytest_terminal_summary(terminalreporter):
    if not tried:
        return
    terminalreporter.section("hostile inputs tried")
    for target, count in sorted(tried.items()):
        terminalreporter.write_line(f"{count:5d}  {target}")
    terminalreporter.write_line(f"{sum(tried.values()):5d}  in all, over {len(tried)} targets")
