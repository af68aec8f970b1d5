// The Alarm.com web services face, loaded on its first request: its XML reader, writer and WSDL cost
// start-up time the first requests do not need.
import { lazyFace, type Face } from '../../face.ts';
import { ALARM_COM_SOAP } from './description.ts';
import type { AlarmComSoapDeps } from './face.ts';

export const alarmComSoapFace = (deps: AlarmComSoapDeps): Face =>
  lazyFace(ALARM_COM_SOAP, () =>
    import('./face.ts').then(({ createAlarmComSoapFace }) => createAlarmComSoapFace(deps)),
  );
