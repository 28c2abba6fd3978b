import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell } from 'electron';
import { startDesktopApp } from './desktopApp.ts';

startDesktopApp({ app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell }, { mainDir: import.meta.dirname });
