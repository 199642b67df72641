; PanelReview installer for Windows 10 and 11 (64-bit), built with Inno Setup 6.3 or later.
;
; On a Windows build machine, from the checkout:
;   1. py -3.11 -m venv .venv && .venv\Scripts\pip install -e .[packaging]
;   2. .venv\Scripts\pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\panelreview.spec
;   3. dist\PanelReview\panelreview-cli.exe --smoke-test          (must print "smoke: passed")
;   4. "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" packaging\windows\panelreview.iss
; Output: dist\PanelReview-<version>-setup.exe. The version is read from PanelReview.exe, whose version
; resource the spec fills from panelreview.__version__, so there is one place to change it.
;
; Deployment by IT (all users, no questions):
;   PanelReview-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS
; A member without administrator rights can install for themselves only (the wizard asks, or /CURRENTUSER).
; Uninstall silently: "C:\Program Files\PanelReview\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES
; Uninstalling never removes review files (Documents\PanelReview) or settings and the log
; (%LOCALAPPDATA%\PanelReview): they are the member's work.

#define AppName "PanelReview"
#define AppExe "PanelReview.exe"
#define CliExe "panelreview-cli.exe"
#define BundleDir AddBackslash(SourcePath) + "..\..\dist\PanelReview"
#if !FileExists(BundleDir + "\" + AppExe)
  #error Build the bundle first (step 2 above): dist\PanelReview\PanelReview.exe is missing.
#endif
#define AppVersion GetStringFileInfo(BundleDir + "\" + AppExe, "ProductVersion")
#define AppVersionNumbers GetVersionNumbersString(BundleDir + "\" + AppExe)

[Setup]
; The AppId identifies PanelReview to Windows across versions: never change it.
AppId={{B5166E62-313F-4A42-8116-9D6780D6D5D9}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=PanelReview developers
AppComments=Review a draft Police and Crime Plan and prepare the panel's report, offline.
VersionInfoVersion={#AppVersionNumbers}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-machine by default (what IT deploys); the wizard offers "only for me" to members without admin rights.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes
LicenseFile=..\..\LICENSE
SetupIconFile=panelreview.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=PanelReview-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "application-x-panelreview-review.ico"; DestDir: "{app}\icons"; Flags: ignoreversion
Source: "application-x-panelreview-pack.ico"; DestDir: "{app}\icons"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Review a draft Police and Crime Plan"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKLM for an all-users install and HKCU for a "only for me" one.
; Review files (.pcpr): PanelReview owns them, so double-clicking one opens it.
Root: HKA; Subkey: "Software\Classes\.pcpr"; ValueType: string; ValueName: ""; ValueData: "PanelReview.Review"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.pcpr"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-panelreview-review"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.pcpr\OpenWithProgids"; ValueType: string; ValueName: "PanelReview.Review"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\PanelReview.Review"; ValueType: string; ValueName: ""; ValueData: "PanelReview review"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\PanelReview.Review\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\icons\application-x-panelreview-review.ico"
Root: HKA; Subkey: "Software\Classes\PanelReview.Review\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; Pack files (.pcpack): a member's shared notes, opened by the clerk.
Root: HKA; Subkey: "Software\Classes\.pcpack"; ValueType: string; ValueName: ""; ValueData: "PanelReview.Pack"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.pcpack"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-panelreview-pack"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.pcpack\OpenWithProgids"; ValueType: string; ValueName: "PanelReview.Pack"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\PanelReview.Pack"; ValueType: string; ValueName: ""; ValueData: "PanelReview pack"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\PanelReview.Pack\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\icons\application-x-panelreview-pack.ico"
Root: HKA; Subkey: "Software\Classes\PanelReview.Pack\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; Draft plans (.pdf, .docx): offered under "Open with", never made PanelReview's by default.
Root: HKA; Subkey: "Software\Classes\PanelReview.Draft"; ValueType: string; ValueName: ""; ValueData: "Draft plan"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\PanelReview.Draft\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "PanelReview.Draft"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.docx\OpenWithProgids"; ValueType: string; ValueName: "PanelReview.Draft"; ValueData: ""; Flags: uninsdeletevalue
; The application itself, so "Open with" shows its name and the types it takes.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pcpr"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pcpack"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".docx"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
