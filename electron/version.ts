// The app's version, shared by the three ways in (the app, the command line, the preview).
import packageJson from '../package.json';

/** The app's version, baked in at build time from package.json. */
export const APP_VERSION: string = packageJson.version;
