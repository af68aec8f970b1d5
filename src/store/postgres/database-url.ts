// A database URL as logs and answers may show it: host, port and database, never its password.
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'an unreadable database URL';
  }
}
