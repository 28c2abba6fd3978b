/** Types for build/afterPack.mjs (electron-builder loads the JavaScript itself). */
import type { FuseV1Options } from '@electron/fuses';

export interface PackedApp {
  appOutDir: string;
  electronPlatformName: string;
  /** builder-util's Arch: 1 x64, 3 arm64, 4 universal. */
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

export declare const CONTACTCAP_FUSES: Readonly<Partial<Record<FuseV1Options, boolean>>>;
export declare function electronExecutable(context: Omit<PackedApp, 'arch'>): string;
export declare function afterPack(context: PackedApp): Promise<void>;
export default afterPack;
