import packageJson from '../package.json';

/** The app's version, baked in at build time from package.json. */
export const APP_VERSION: string = packageJson.version;
