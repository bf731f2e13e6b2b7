/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { README } from '../tools/retry-section';

const ROOT = dirname(README);

describe('CHANGELOG.md', () => {
	const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
	const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
	const headings = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map(([, name, date]) => ({ name, date }));

	it('keeps an Unreleased section first, where the next version is written as it is built', () => {
		expect(headings[0]).toEqual({ name: 'Unreleased', date: undefined });
	});

	it("names package.json's version as its newest release, with a date, and each version once", () => {
		const released = headings.slice(1);
		expect(released[0]).toEqual({ name: version, date: expect.any(String) });
		for (const { name, date } of released) {
			expect(name).toMatch(/^\d+\.\d+\.\d+$/);
			expect(date).toBeDefined();
		}
		expect(new Set(released.map(({ name }) => name)).size).toBe(released.length);
	});

	it('says, for every version, what a user can now do and what changed for saved workflows', () => {
		for (const section of changelog.split(/^## /m).slice(1)) {
			expect(section).toMatch(/^### What you can (now )?do$/m);
			expect(section).toMatch(/^### Saved workflows$/m);
		}
	});
});
