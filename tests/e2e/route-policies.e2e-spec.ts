import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ACCESS_KEY } from '@accord/core';
import { startTestApi, type TestApi } from '../support/test-api.js';

/**
 * Every route of the running API declares who may call it. The list comes from the router itself (every
 * controller method Nest mounted), not from a hand-kept list, so a route added later without @Access fails here.
 */
describe('Route access policies (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.close());

  it('should find an @Access policy on every mounted route', () => {
    const controllers = [...api.app.get(ModulesContainer).values()].flatMap((module) => [
      ...module.controllers.values(),
    ]);
    const scanner = new MetadataScanner();
    const reflector = api.app.get(Reflector);
    const routes: Array<{ route: string; policy: unknown }> = [];
    for (const wrapper of controllers) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype) continue;
      const prefix = Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string;
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = (instance as Record<string, unknown>)[name] as object;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue; // not a route
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string;
        const policy = reflector.getAllAndOverride(ACCESS_KEY, [handler as never, wrapper.metatype]);
        routes.push({ route: `${wrapper.metatype.name}.${name} (${prefix}/${path})`, policy });
      }
    }
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !Array.isArray(r.policy) || r.policy.length === 0).map((r) => r.route)).toEqual([]);
  });

  it('should publish the same policy in the OpenAPI document for every operation', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const missing = Object.entries(doc.paths as Record<string, Record<string, { 'x-access'?: string[] }>>).flatMap(
      ([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => !op['x-access']?.length)
          .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
  });
});
