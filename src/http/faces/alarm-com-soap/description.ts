// What the pipeline knows of the SOAP face before its modules are loaded (index.ts loads the rest on its
// first request; face.ts spreads this, so nothing is said twice).
import type { FaceDescription } from '../../face.ts';
import { WEB_SERVICES_PREFIX } from './soap-constants.ts';

export const ALARM_COM_SOAP: FaceDescription = {
  tag: 'AlarmComWebServices',
  owns: (path) => path.startsWith(WEB_SERVICES_PREFIX),
};
