"""Peak memory of the program with 100,000 projects open in the list (goal: under 300 MB).

Launches the real program on a 100,000-project demo database until its main window (the
project list) is usable, and reads the process's peak resident memory from the operating
system; from source, and from the built program when dist/jimo-desktop/ exists.

    uv run python benchmarks/memory.py [--projects 100000]
"""

import argparse
import sys

from launching import BUILT_PROGRAM, demo_database, launch_until_ready

GOAL_MB = 300


def report(label: str, command: list[str], database) -> None:
    launch = launch_until_ready(command, database)
    verdict = "达到" if launch.peak_mb < GOAL_MB else "未达到"
    print(
        f"{label}：峰值内存 {launch.peak_mb:.0f} MB（目标 < {GOAL_MB} MB，{verdict}），"
        f"打开用时 {launch.seconds:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    args = parser.parse_args()
    database = demo_database(args.projects)
    report("源码运行", [sys.executable, "-m", "jimo_desktop"], database)
    if BUILT_PROGRAM.exists():
        report("构建的程序", [str(BUILT_PROGRAM)], database)


if __name__ == "__main__":
    main()
