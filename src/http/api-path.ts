// The API faces live under these prefixes; everything else (the console) is not an operation of the spec.
const API_PATH = /^\/(securitytrax|alarm-com|__sim)(\/|$)/;

export const isApiPath = (path: string): boolean => API_PATH.test(path);
