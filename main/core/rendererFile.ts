import path from 'node:path';
import { safeDecodeURIComponent } from '../../shared/text.ts';

/**
 * The file under the built renderer that a request path names ("/" is index.html),
 * or null for anything that is not a well-formed path inside that folder. Used by
 * the browser host and the desktop app's app:// protocol alike.
 */
export function rendererFile(root: string, pathname: string): string | null {
  const relative = pathname === '/' ? 'index.html' : safeDecodeURIComponent(pathname)?.replace(/^\/+/, '');
  if (relative === undefined) return null;
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}
