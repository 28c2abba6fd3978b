import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, session, shell, utilityProcess } from 'electron';
import { startDesktopApp } from './desktopApp.ts';

startDesktopApp({ app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell, utilityProcess, safeStorage }, { mainDir: import.meta.dirname });
