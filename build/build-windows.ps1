# Builds dist\jimo-desktop\ (onedir) with pyinstaller.spec, runs its self-test from both of
# its programs and prints the folder's size. PyInstaller's work folder is pyinstaller-work\,
# never build\.
#     powershell -ExecutionPolicy Bypass -File build\build-windows.ps1   (after `uv sync --frozen`)
#
# The folder holds two programs sharing its libraries:
#   jimo-desktop.exe      windowed, the one officers start (shortcut, double-click); it has no
#                         console, so a subcommand run from it writes its lines to
#                         command-output.log in the data folder, and a shell does not wait.
#   jimo-desktop-cli.exe  console, for subcommands typed in cmd/PowerShell or run by scripts:
#                         prints its lines, and the shell waits for its exit code.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$env:PYTHONUTF8 = "1"
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
# The self-test draws its window on Windows' own platform (qwindows.dll), not offscreen.
Remove-Item Env:QT_QPA_PLATFORM -ErrorAction SilentlyContinue

uv run --frozen pyinstaller --noconfirm --clean --log-level WARN `
    --workpath pyinstaller-work --distpath dist pyinstaller.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller 失败（退出码 $LASTEXITCODE）" }
foreach ($program in @("jimo-desktop.exe", "jimo-desktop-cli.exe")) {
    if (-not (Test-Path "dist\jimo-desktop\$program")) { throw "缺少 $program" }
}

# The console program prints each check as it finishes and is waited for.
$report = Join-Path $env:TEMP "jimo-self-test-cli.txt"
& "dist\jimo-desktop\jimo-desktop-cli.exe" self-test --report $report
if ($LASTEXITCODE -ne 0) { throw "自检未通过（jimo-desktop-cli.exe，退出码 $LASTEXITCODE）" }
if (-not (Select-String -Path $report -Encoding UTF8 -SimpleMatch "平台 windows" -Quiet)) {
    throw "自检没有在 windows 平台上绘制主窗口"
}

# The windowed program has no console: its lines reach the report file, written line by line.
$report = Join-Path $env:TEMP "jimo-self-test-windowed.txt"
$test = Start-Process -FilePath "dist\jimo-desktop\jimo-desktop.exe" `
    -ArgumentList @("self-test", "--report", "`"$report`"") -Wait -PassThru
Get-Content -Encoding UTF8 $report
if ($test.ExitCode -ne 0) { throw "自检未通过（jimo-desktop.exe，退出码 $($test.ExitCode)）" }

$bytes = (Get-ChildItem -Recurse -File "dist\jimo-desktop" | Measure-Object -Sum Length).Sum
"程序文件夹 dist\jimo-desktop：{0:N0} MB（目标 < 150 MB）" -f ($bytes / 1MB)
