# Builds dist\jimo-desktop\ (onedir, windowed) with pyinstaller.spec, runs its self-test and
# prints the folder's size. PyInstaller's work folder is pyinstaller-work\, never build\.
#     powershell -ExecutionPolicy Bypass -File build\build-windows.ps1   (after `uv sync --frozen`)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

uv run --frozen pyinstaller --noconfirm --clean --log-level WARN `
    --workpath pyinstaller-work --distpath dist pyinstaller.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller 失败（退出码 $LASTEXITCODE）" }

# A windowed program has no console: the self-test writes its lines to a report file.
$report = Join-Path $env:TEMP "jimo-self-test.txt"
$env:QT_QPA_PLATFORM = "offscreen"
$test = Start-Process -FilePath "dist\jimo-desktop\jimo-desktop.exe" `
    -ArgumentList @("self-test", "--report", "`"$report`"") -Wait -PassThru -NoNewWindow
Get-Content -Encoding UTF8 $report
if ($test.ExitCode -ne 0) { throw "自检未通过（退出码 $($test.ExitCode)）" }

$bytes = (Get-ChildItem -Recurse -File "dist\jimo-desktop" | Measure-Object -Sum Length).Sum
"程序文件夹 dist\jimo-desktop：{0:N0} MB（目标 < 150 MB）" -f ($bytes / 1MB)
