import { describe, expect, it } from 'vitest';
import { createServices } from '../../services/services.ts';
import { memoryPersistence } from '../../store/persistence.ts';
import { createStore } from '../../store/sandbox-store.ts';
import { compiledSpec } from '../compiled-spec.ts';
import { faceOfOperation, lazyFace } from '../face.ts';
import { createFaces, UNANSWERED } from './index.ts';

const facesOfAnApp = async () => {
  const services = createServices({ store: await createStore(memoryPersistence()) });
  return createFaces({ services, health: { version: 'test', startedAt: 0 }, tokenSecret: 'secret' });
};

describe('the faces', () => {
  it('every operation of the spec has a handler in the face of its tag, and no face has more', async () => {
    const faces = await facesOfAnApp();
    const { index } = compiledSpec();
    for (const face of faces) {
      await face.load();
      const ops = index.operations.filter((op) => faceOfOperation(faces, op) === face).map((op) => op.operationId);
      expect(Object.keys(face.loaded()!.handlers).sort(), face.tag).toEqual(ops.sort());
    }
    expect(index.operations.every((op) => faceOfOperation(faces, op))).toBe(true);
    expect(Object.keys(UNANSWERED)).toEqual([]);
  });

  it('SecurityTrax and SOAP are loaded on their first request; their description is known before', async () => {
    const faces = await facesOfAnApp();
    const lazy = faces.filter((f) => f.load() !== undefined);
    expect(lazy.map((f) => f.tag).sort()).toEqual(['AlarmComWebServices', 'SecurityTrax']);
    const securityTrax = faces.find((f) => f.tag === 'SecurityTrax')!;
    expect(securityTrax.owns?.('/securitytrax/default/user/v1/customers')).toBe(true);
    expect(securityTrax.owns?.('/securitytraxx')).toBe(false);
    expect(securityTrax.errorSchema).toBe('#/components/schemas/StErrorDocument');
    await securityTrax.load();
    expect(securityTrax.load()).toBeUndefined();
    expect(securityTrax.loaded()?.onError).toBeTypeOf('function');
  });

  it('a lazy face is loaded once, and tried again after a failed load', async () => {
    let loads = 0;
    const face = lazyFace({ tag: 'T' }, async () => {
      loads++;
      if (loads === 1) throw new Error('first load fails');
      return { handlers: {} };
    });
    expect(face.loaded()).toBeUndefined();
    await expect(face.load()).rejects.toThrow('first load fails');
    await Promise.all([face.load(), face.load()]);
    expect(loads).toBe(2);
    expect(face.loaded()).toEqual({ handlers: {} });
  });
});
