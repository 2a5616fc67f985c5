; Inno Setup 6 script: the LawDesk installer for Windows (x64).
; Built by packaging/windows/build_installer.ps1 after PyInstaller, never by hand:
;   iscc /DAppVersion=0.1.0 /DSourceDir=C:\...\dist\LawDesk /DOutputDir=C:\...\dist [/DSign "/Ssigntool=..."] lawdesk.iss
; The installer signs itself and its uninstaller when /DSign is given with a SignTool named "signtool".
;
; Installs for the current user without administrator rights by default (clinics' computers are
; often locked down); "install for all users" is offered when the user can elevate.
; Settings (HKCU\Software\LawDesk) and the workspace (Documents\LawDesk) belong to the user and
; are left in place on uninstall.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (build_installer.ps1 reads it from lawdesk/__init__.py)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\LawDesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; Never change AppId: it is how Windows recognises an update of the same application.
AppId={{6F3C2B9E-7A41-4C58-9E1D-2B7D4A5C8E10}
AppName=LawDesk
AppVersion={#AppVersion}
AppVerName=LawDesk {#AppVersion}
AppPublisher=LawDesk
AppComments=Dossiers contentieux ANEF : courrier au préfet, saisine de la Défenseure des droits, référé mesures utiles
VersionInfoVersion={#AppVersion}
VersionInfoProductName=LawDesk
DefaultDirName={autopf}\LawDesk
DefaultGroupName=LawDesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
WizardStyle=modern
SetupIconFile=..\icons\lawdesk.ico
UninstallDisplayIcon={app}\LawDesk.exe
UninstallDisplayName=LawDesk {#AppVersion}
OutputDir={#OutputDir}
OutputBaseFilename=LawDesk-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
; The PATH change below must reach Explorer and new consoles.
ChangesEnvironment=yes
CloseApplications=yes
RestartApplications=no
#ifdef Sign
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
french.AddToPath=Ajouter lawdesk-cli au PATH (ligne de commande : lawdesk-cli build CASE -o OUT)
english.AddToPath=Add lawdesk-cli to PATH (command line: lawdesk-cli build CASE -o OUT)
french.CommandLine=LawDesk en ligne de commande
english.CommandLine=LawDesk command line

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "{cm:AddToPath}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole program folder: no library of an older version may stay behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\LawDesk"; Filename: "{app}\LawDesk.exe"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\LawDesk"; Filename: "{app}\LawDesk.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon
Name: "{autoprograms}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k ""{app}\lawdesk-cli.exe"" --help"; WorkingDir: "{userdocs}"; IconFilename: "{app}\lawdesk-cli.exe"

[Run]
Filename: "{app}\LawDesk.exe"; Description: "{cm:LaunchProgram,LawDesk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program writes next to itself (nothing, normally). The per-user Fontconfig cache
; (%LOCALAPPDATA%\LawDesk\Cache) is regenerated and may stay.
Type: dirifempty; Name: "{app}"

[Code]
{ PATH for lawdesk-cli: the user's PATH for a per-user install, the machine's for an all-users one. }

function PathRoot: Integer;
begin
  if IsAdminInstallMode then Result := HKEY_LOCAL_MACHINE else Result := HKEY_CURRENT_USER;
end;

function PathKey: String;
begin
  if IsAdminInstallMode then
    Result := 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment'
  else
    Result := 'Environment';
end;

function PathWithout(const Paths, Dir: String): String;
var
  Rest, Item: String;
  P: Integer;
begin
  Result := '';
  Rest := Paths + ';';
  while Rest <> '' do
  begin
    P := Pos(';', Rest);
    Item := Copy(Rest, 1, P - 1);
    Rest := Copy(Rest, P + 1, Length(Rest));
    if (Item <> '') and (CompareText(RemoveBackslashUnlessRoot(Item), RemoveBackslashUnlessRoot(Dir)) <> 0) then
    begin
      if Result <> '' then Result := Result + ';';
      Result := Result + Item;
    end;
  end;
end;

procedure SetPath(Add: Boolean);
var
  Before, Paths, Dir: String;
begin
  Dir := ExpandConstant('{app}');
  if not RegQueryStringValue(PathRoot, PathKey, 'Path', Before) then Before := '';
  Paths := PathWithout(Before, Dir);
  if Add then
  begin
    if Paths <> '' then Paths := Paths + ';';
    Paths := Paths + Dir;
  end;
  if Paths <> Before then RegWriteExpandStringValue(PathRoot, PathKey, 'Path', Paths);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if (CurStep = ssPostInstall) and WizardIsTaskSelected('addtopath') then SetPath(True);
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then SetPath(False);
end;
