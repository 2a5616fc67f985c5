<#
.SYNOPSIS
  Builds LawDesk for Windows: PyInstaller bundle, checks, code signing, Inno Setup installer.

.DESCRIPTION
  Run from anywhere, with a Python that has the project's dependencies and PyInstaller
  (pip install ".[build]"), and MSYS2 UCRT64's Pango:
      C:\msys64\usr\bin\pacman -S --needed mingw-w64-ucrt-x86_64-pango
  The MSYS2 folder is WEASYPRINT_DLL_DIRECTORIES (default C:\msys64\ucrt64\bin); it is NOT put
  on PATH, so the checks below prove the bundle works without it.

  Signing happens when a certificate is given through the environment:
    WINDOWS_CERT_PFX_BASE64 + WINDOWS_CERT_PASSWORD   a .pfx file, base64-encoded (CI secret)
    WINDOWS_CERT_SHA1                                 or the thumbprint of a certificate in the
                                                      store (hardware token, cloud HSM KSP)
    WINDOWS_TIMESTAMP_URL                             default http://timestamp.digicert.com
  Signed: LawDesk.exe, lawdesk-cli.exe, every .dll/.pyd that carries no signature yet (MSYS2's,
  Python's extension modules), then the installer and its uninstaller (by Inno Setup).

  Output: dist\LawDesk\ (the program folder), dist\LawDesk-<version>-windows-x64-setup.exe,
  dist\LawDesk-<version>-windows-x64.zip (portable).
#>
param(
    [string]$Python = "python",
    [switch]$SkipBuild
)
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path "$PSScriptRoot\..\..").Path
Set-Location $Root
$Version = (Select-String -Path "lawdesk\__init__.py" -Pattern '__version__\s*=\s*"([^"]+)"').Matches[0].Groups[1].Value
$App = Join-Path $Root "dist\LawDesk"
Write-Host "LawDesk $Version"

function Invoke-Checked([string]$What, [scriptblock]$Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit $LASTEXITCODE)" }
}

# --- 1. the bundle ----------------------------------------------------------------------------
if (-not $SkipBuild) {
    if (-not $env:WEASYPRINT_DLL_DIRECTORIES) { $env:WEASYPRINT_DLL_DIRECTORIES = "C:\msys64\ucrt64\bin" }
    if (-not (Test-Path (Join-Path $env:WEASYPRINT_DLL_DIRECTORIES "libpango-1.0-0.dll"))) {
        throw "Pango not found in $env:WEASYPRINT_DLL_DIRECTORIES (pacman -S mingw-w64-ucrt-x86_64-pango)"
    }
    Invoke-Checked "PyInstaller" { & $Python -m PyInstaller --noconfirm --clean --workpath build\pyinstaller --distpath dist build.spec }
}

# --- 2. checks, with nothing but the bundle: no MSYS2, no Python on PATH, fresh profile folders --
$Check = Join-Path $Root "build\windows-check"
Remove-Item -Recurse -Force $Check -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force "$Check\appdata", "$Check\localappdata", "$Check\run" | Out-Null
$saved = @{ PATH = $env:PATH; APPDATA = $env:APPDATA; LOCALAPPDATA = $env:LOCALAPPDATA; QT_QPA_PLATFORM = $env:QT_QPA_PLATFORM
           WEASYPRINT_DLL_DIRECTORIES = $env:WEASYPRINT_DLL_DIRECTORIES }
try {
    $env:PATH = "$env:SystemRoot\System32;$env:SystemRoot"
    Remove-Item env:WEASYPRINT_DLL_DIRECTORIES -ErrorAction SilentlyContinue
    $env:APPDATA = "$Check\appdata"; $env:LOCALAPPDATA = "$Check\localappdata"; $env:QT_QPA_PLATFORM = "offscreen"
    Push-Location "$Check\run"
    Invoke-Checked "lawdesk-cli --version" { & "$App\lawdesk-cli.exe" --version }
    Invoke-Checked "self-test" { & "$App\lawdesk-cli.exe" --packaging-self-test "$Check\self-test" }
    Invoke-Checked "build of the demo case" { & "$App\lawdesk-cli.exe" build "$Root\examples\demo-case" -o "$Check\demo" }
    Invoke-Checked "batch with 2 workers" { & "$App\lawdesk-cli.exe" batch "$Root\examples" -o "$Check\batch" --workers 2 }
    $window = Start-Process -FilePath "$App\LawDesk.exe" -PassThru
    Start-Sleep -Seconds 15
    if ($window.HasExited) { throw "LawDesk.exe (window, offscreen) exited with code $($window.ExitCode) within 15 s" }
    Stop-Process -Id $window.Id -Force
    Pop-Location
} finally {
    foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
}
Write-Host "checks passed"

# --- 3. signing -------------------------------------------------------------------------------
$SignArgs = $null
if ($env:WINDOWS_CERT_PFX_BASE64 -or $env:WINDOWS_CERT_SHA1) {
    $SignTool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
        Sort-Object FullName -Descending | Select-Object -First 1 -ExpandProperty FullName
    if (-not $SignTool) { throw "signtool.exe not found (Windows SDK)" }
    $Timestamp = if ($env:WINDOWS_TIMESTAMP_URL) { $env:WINDOWS_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
    if ($env:WINDOWS_CERT_PFX_BASE64) {
        $Pfx = Join-Path $env:RUNNER_TEMP "lawdesk-signing.pfx"
        if (-not $env:RUNNER_TEMP) { $Pfx = Join-Path $env:TEMP "lawdesk-signing.pfx" }
        [IO.File]::WriteAllBytes($Pfx, [Convert]::FromBase64String($env:WINDOWS_CERT_PFX_BASE64))
        $SignArgs = @("sign", "/fd", "SHA256", "/td", "SHA256", "/tr", $Timestamp, "/f", $Pfx, "/p", $env:WINDOWS_CERT_PASSWORD)
    } else {
        $SignArgs = @("sign", "/fd", "SHA256", "/td", "SHA256", "/tr", $Timestamp, "/sha1", $env:WINDOWS_CERT_SHA1)
    }
    $ToSign = @(Get-Item "$App\LawDesk.exe", "$App\lawdesk-cli.exe") + @(
        Get-ChildItem -Recurse $App -Include *.dll, *.pyd |
            Where-Object { (Get-AuthenticodeSignature $_.FullName).Status -eq "NotSigned" })
    Write-Host "signing $($ToSign.Count) files"
    # signtool takes many files per call; batches keep the command line short.
    for ($i = 0; $i -lt $ToSign.Count; $i += 50) {
        $batch = $ToSign[$i..([Math]::Min($i + 49, $ToSign.Count - 1))] | ForEach-Object { $_.FullName }
        Invoke-Checked "signtool" { & $SignTool @SignArgs @batch }
    }
    Invoke-Checked "signature check" { & $SignTool verify /pa "$App\LawDesk.exe" "$App\lawdesk-cli.exe" }
} else {
    Write-Warning "no WINDOWS_CERT_PFX_BASE64 / WINDOWS_CERT_SHA1: the program and installer are NOT signed (SmartScreen will warn)"
}

# --- 4. installer and portable zip ------------------------------------------------------------
$Iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe", "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") |
    Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $Iscc) { throw "Inno Setup 6 not found (choco install innosetup, or https://jrsoftware.org/isdl.php)" }
$IsccArgs = @("/DAppVersion=$Version", "/DSourceDir=$App", "/DOutputDir=$Root\dist")
if ($SignArgs) {
    # Inno Setup's sign command: $q is a quote, $f the quoted file name, $$ a dollar sign. Quotes are
    # written as $q so that no quote has to survive PowerShell's passing of native arguments.
    $innoQuote = { param($text) $text = $text -replace '\$', '$$$$'; if ($text -match '\s') { "`$q$text`$q" } else { $text } }
    $command = ((@($SignTool) + $SignArgs) | ForEach-Object { & $innoQuote $_ }) -join " "
    $IsccArgs += @("/DSign", "/Ssigntool=$command `$f")
}
Invoke-Checked "Inno Setup" { & $Iscc @IsccArgs "packaging\windows\lawdesk.iss" }
Compress-Archive -Force -Path $App -DestinationPath "dist\LawDesk-$Version-windows-x64.zip"
if ($Pfx) { Remove-Item -Force $Pfx -ErrorAction SilentlyContinue }
Get-ChildItem dist\LawDesk-$Version-* | ForEach-Object { Write-Host ("{0}  {1:N1} MB" -f $_.Name, ($_.Length / 1MB)) }
