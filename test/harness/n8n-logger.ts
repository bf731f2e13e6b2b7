/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- test-only: n8n-core's own copy of its container */
import { dirname } from 'node:path';

/**
 * The Logger that n8n-core hands a node as `this.logger`. n8n-core keeps its own copies of
 * @n8n/di and @n8n/backend-common, so they are resolved from n8n-core's folder, not the repo's.
 */
export function n8nCoreLogger(): { warn: (message: string, meta?: object) => void } {
	const coreFolder = dirname(require.resolve('n8n-core'));
	const load = (name: string) => require(require.resolve(name, { paths: [coreFolder] })) as Record<string, unknown>;
	const { Container } = load('@n8n/di') as { Container: { get(type: unknown): unknown } };
	const { Logger } = load('@n8n/backend-common');
	return Container.get(Logger) as { warn: (message: string, meta?: object) => void };
}
