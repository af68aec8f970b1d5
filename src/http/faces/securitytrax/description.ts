// What the pipeline knows of the SecurityTrax face before its modules are loaded (index.ts loads the rest on
// its first request; face.ts spreads this, so nothing is said twice).
import type { FaceDescription } from '../../face.ts';

export const SECURITYTRAX: FaceDescription = {
  tag: 'SecurityTrax',
  owns: (path) => path === '/securitytrax' || path.startsWith('/securitytrax/'),
  errorSchema: '#/components/schemas/StErrorDocument',
};
