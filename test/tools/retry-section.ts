/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- test-only tool that runs in plain Node, never inside n8n */
/**
 * The README's retry section, made from the endpoint table and the operation declarations, so
 * that what the README says each operation does on a 429, a 5xx or a timeout is what the client
 * does. `npm run docs:retries` writes it into README.md; a unit test fails when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { RESOURCES } from '../../nodes/EvoVoice/actions/resources';
import type { EndpointName, Repeat } from '../../nodes/EvoVoice/transport';
import { ENDPOINTS, MAX_RETRIES, MAX_RETRY_WAIT_SECONDS } from '../../nodes/EvoVoice/transport';

export const README = join(__dirname, '..', '..', 'README.md');
const START = '<!-- retries: made from the endpoint table by `npm run docs:retries` -->';
const END = '<!-- /retries -->';

const ON_GATEWAY: Record<Repeat, string> = {
	read: 'sent again',
	idempotent: 'sent again',
	change: 'not sent again; the error says it may have happened',
};

const ON_NO_ANSWER: Record<Repeat, string> = {
	read: 'fails',
	idempotent: 'fails',
	change: 'fails, saying it may have happened; not sent again',
};

const ON_RETRY_ON_FAIL: Record<Repeat, string> = {
	read: 'read again',
	idempotent: 'sent again',
	change: 'gives back its first answer or error; sent again only if Evo Voice refused it',
};

const REPEAT_WORDS: Record<Repeat, string> = {
	read: 'read',
	idempotent: 'change, same state if repeated',
	change: 'change that would happen twice',
};

/** The strongest of an operation's endpoints decides: a read that ends in a change is a change. */
function repeatOf(endpoints: readonly EndpointName[]): Repeat {
	const repeats = endpoints.map((name) => ENDPOINTS[name].repeat as Repeat);
	return repeats.includes('change') ? 'change' : repeats.includes('idempotent') ? 'idempotent' : 'read';
}

export function retrySection(): string {
	const rows = RESOURCES.flatMap((resource) =>
		resource.operations.map((operation) => {
			const repeat = repeatOf(operation.endpoints);
			return `| ${resource.name} → ${operation.name} | ${operation.endpoints.join(', ')} | ${REPEAT_WORDS[repeat]} | sent again | ${ON_GATEWAY[repeat]} | ${ON_NO_ANSWER[repeat]} | ${ON_RETRY_ON_FAIL[repeat]} |`;
		}),
	);
	return [
		START,
		`Each request is sent again at most ${MAX_RETRIES} more times, after at most ${MAX_RETRY_WAIT_SECONDS} s each: a 429 after`,
		"Evo Voice's `Retry-After` (a 429 without one, or asking for longer, is not waited out), a",
		'502, 503 or 504 after its `Retry-After` or else 1 s, then 2 s.',
		'',
		"| Operation | Evo Voice endpoints | What it is | On a 429 | On a 502, 503 or 504 | On a 500, a reset or a timeout | On n8n's Retry On Fail |",
		'|---|---|---|---|---|---|---|',
		...rows,
		END,
	].join('\n');
}

/** The README with its retry section replaced by `section`. */
export function withRetrySection(readme: string, section: string): string {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) throw new Error('README.md has no retry section markers');
	return readme.slice(0, start) + section + readme.slice(end + END.length);
}

if (require.main === module) {
	writeFileSync(README, withRetrySection(readFileSync(README, 'utf8'), retrySection()));
	console.log('README.md: retry section written from the endpoint table');
}
