; ContactCap's NSIS additions (electron-builder's nsis.include). The per-machine
; data folder under %ProgramData% gets an access list of its own at install
; time: SYSTEM and Administrators full control, the PC's Users group modify
; (read, write, delete, but not change who may open the files), nothing
; inherited from C:\ProgramData — which would otherwise give the first user to
; run ContactCap ownership of files every other user must write to. Groups are
; named by SID, so a Windows in any language gets the same list. See
; docs/security.md, "The data folder on Windows".

!macro customInstall
  SetShellVarContext all
  CreateDirectory "$COMMONAPPDATA\ContactCap"
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$COMMONAPPDATA\ContactCap" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)M'
  Pop $0
  ; Files left by an earlier install take the folder's list (none on a new PC: the error is ignored).
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$COMMONAPPDATA\ContactCap\*" /reset /T /C /Q'
  Pop $0
!macroend
