"""Start-up time: launch to a usable main window on a 10,000-project database.

The program is compared with a bare PySide6 window (a QMainWindow with a QTableView)
started the same way in the same run, alternating, several runs each; prints medians and
the ratio (goal: the program at most 1.5× the bare window). Measured from source, and from
the built program when dist/jimo-desktop/ exists (build/build-linux.sh).

    uv run python benchmarks/startup.py [--projects 10000] [--runs 7]
"""

import argparse
import statistics
import sys

from launching import (
    BUILT_PROGRAM,
    bare_window_script,
    built_bare_window,
    demo_database,
    launch_until_ready,
)

GOAL_RATIO = 1.5


def compare(label: str, program: list[str], bare: list[str], database, runs: int) -> None:
    launch_until_ready(program, database)  # warm the file cache for both before timing
    launch_until_ready(bare)
    program_times, bare_times = [], []
    for _ in range(runs):
        program_times.append(launch_until_ready(program, database).seconds)
        bare_times.append(launch_until_ready(bare).seconds)
    app, plain = statistics.median(program_times), statistics.median(bare_times)
    verdict = "达到" if app <= GOAL_RATIO * plain else "未达到"
    print(
        f"{label}：程序 {app:.3f} s，空白窗口 {plain:.3f} s，比值 {app / plain:.2f}×"
        f"（目标 ≤ {GOAL_RATIO}×，{verdict}）；各 {runs} 次的中位数"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    database = demo_database(args.projects)
    source = [sys.executable, "-m", "jimo_desktop"]
    compare("源码运行", source, [sys.executable, str(bare_window_script())], database, args.runs)
    if BUILT_PROGRAM.exists():
        compare("构建的程序", [str(BUILT_PROGRAM)], [str(built_bare_window())], database, args.runs)
    else:
        print(f"没有构建的程序（{BUILT_PROGRAM}）：先运行 build/build-linux.sh")


if __name__ == "__main__":
    main()
