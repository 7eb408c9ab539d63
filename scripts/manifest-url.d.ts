// Types for manifest-url.js (CommonJS, loaded by webpack.config.js).
export declare const DEV_URL: "https://localhost:3000/";
export declare const DEFAULT_PRODUCTION_URL: string;
export declare function productionUrl(env: Record<string, string | undefined>): string;
export declare function rewriteManifestUrls(manifestXml: string, prodUrl: string): string;
