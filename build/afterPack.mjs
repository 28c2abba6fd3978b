/**
 * electron-builder's afterPack hook (named in electron-builder.yml): sets the
 * Electron fuses in the packed app's own executable. It runs after the app is
 * copied in and before anything is signed, so a signature covers the fuses and
 * Windows and macOS refuse a binary whose fuses were flipped back later.
 *
 * Fuses switch off what ContactCap never uses and an attacker on the PC would:
 * running the executable as plain Node (ELECTRON_RUN_AS_NODE), NODE_OPTIONS,
 * and --inspect debugging; and switch on checks: the app loads only from
 * app.asar, app.asar must match the hash electron-builder embeds in the
 * executable (Windows) or Info.plist (macOS; Linux has no such check), and
 * cookies are encrypted with the OS's key store.
 */
import path from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { Arch } from 'builder-util';

/** ContactCap's fuses; any fuse not named keeps Electron's own setting. */
export const CONTACTCAP_FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

/**
 * Where the packed Electron executable is, as electron-builder names it: the
 * product name with .exe on Windows, the .app bundle on macOS (the fuses
 * library finds the framework inside), the lower-case executable name on Linux.
 * @param {{ appOutDir: string; electronPlatformName: string; packager: { appInfo: { productFilename: string }; executableName?: string } }} context
 * @returns {string}
 */
export function electronExecutable(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'linux':
      if (!packager.executableName) throw new Error('The Linux build gave no executable name, so its fuses cannot be set.');
      return path.join(appOutDir, packager.executableName);
    default:
      throw new Error(`ContactCap does not know where the Electron executable is in a "${electronPlatformName}" build, so its fuses cannot be set.`);
  }
}

/**
 * @param {{ appOutDir: string; electronPlatformName: string; arch: number; packager: { appInfo: { productFilename: string }; executableName?: string } }} context
 * @returns {Promise<void>}
 */
export async function afterPack(context) {
  const mac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await flipFuses(electronExecutable(context), {
    version: FuseVersion.V1,
    // Flipping a fuse breaks an Apple-silicon binary's ad-hoc signature: it must be made again before the app will start.
    resetAdHocDarwinSignature: mac && (context.arch === Arch.arm64 || context.arch === Arch.universal),
    ...CONTACTCAP_FUSES,
  });
}

export default afterPack;
