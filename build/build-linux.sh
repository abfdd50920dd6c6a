#!/usr/bin/env bash
# Builds dist/jimo-desktop/ (onedir) with pyinstaller.spec, runs its self-test and prints
# the folder's size (benchmarks/build_size.py splits it by component). PyInstaller's work
# folder is pyinstaller-work/, never build/.
#     build/build-linux.sh            (after scripts/setup)
# The folder holds two programs sharing its libraries: jimo-desktop, the windowed program
# officers start, and jimo-desktop-cli, the console program for subcommands in scripts
# (on Linux both print; on Windows only the -cli one has a console).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/uv run --frozen pyinstaller --noconfirm --clean --log-level WARN \
    --workpath pyinstaller-work --distpath dist pyinstaller.spec
test -x dist/jimo-desktop/jimo-desktop
# No display on a build server: the self-test draws its window offscreen here.
dist/jimo-desktop/jimo-desktop-cli self-test
size_mb=$(du -sm dist/jimo-desktop | cut -f1)
echo "程序文件夹 dist/jimo-desktop：${size_mb} MB（目标 < 150 MB）"
