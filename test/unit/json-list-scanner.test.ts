/**
 * The reader of AppGetActiveSessions' answer as it arrives: every record of the named list is
 * handed on exactly as JSON.parse would read it, however the text is cut into chunks, and a body
 * that is not exactly one JSON object whose list holds only objects is refused.
 */
import { JsonListScanner } from '../../nodes/EvoVoice/transport/jsonListScanner';

/** mulberry32: a small seeded generator, so a failing chunking can be replayed. */
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let value = Math.imul(state ^ (state >>> 15), 1 | state);
		value ^= value + Math.imul(value ^ (value >>> 7), 61 | value);
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
}

function scan(chunks: string[], listName = 'sessions') {
	const records: unknown[] = [];
	const scanner = new JsonListScanner(listName, (record) => records.push(record));
	for (const chunk of chunks) scanner.write(chunk);
	return { accepted: scanner.end(), records, head: scanner.head };
}

/** The text cut at random places, with a fixed seed. */
function randomChunks(text: string, seed: number): string[] {
	const next = random(seed);
	const chunks: string[] = [];
	for (let start = 0; start < text.length; ) {
		const length = 1 + Math.floor(next() * 40);
		chunks.push(text.slice(start, start + length));
		start += length;
	}
	return chunks;
}

const TRICKY_SESSIONS = [
	{ id: 'ses-1', displayName: 'Zoë "the boss" O\'Neil', tags: ['{', '}', '[', ']', ',', ':'], nested: { sessions: [{ id: 'inner' }] } },
	{ id: 'ses-2', displayName: 'back\\slash \\" and \\\\', note: 'line\nbreak\ttab \u0000 \u2028', emoji: '😀 Łódź' },
	{ id: 'ses-3', empty: {}, list: [], deep: [[[{ a: [1, 2.5e-3, -0, true, false, null] }]]] },
];
const TRICKY_BODY = JSON.stringify({ responseStatus: { message: 'ok [x] {y}' }, sessions: TRICKY_SESSIONS, total: 3 }, null, 1);
/** What JSON.parse makes of the list (it reads -0 back as 0, as the scanner does). */
const EXPECTED = (JSON.parse(TRICKY_BODY) as { sessions: unknown[] }).sessions;

describe('JsonListScanner', () => {
	it('hands on each record exactly as JSON.parse reads it, for the whole text at once', () => {
		expect(scan([TRICKY_BODY])).toEqual(expect.objectContaining({ accepted: true, records: EXPECTED }));
	});

	it('hands on the same records one character at a time', () => {
		expect(scan([...TRICKY_BODY])).toEqual(expect.objectContaining({ accepted: true, records: EXPECTED }));
	});

	it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('hands on the same records in random chunks (seed %i)', (seed) => {
		expect(scan(randomChunks(TRICKY_BODY, seed))).toEqual(expect.objectContaining({ accepted: true, records: EXPECTED }));
	});

	it('finds the list by its name whatever escapes spell it, and only at the top level', () => {
		const body = '{"data":{"sessions":[{"id":"not-this"}]},"sess\\u0069ons":[{"id":"this"}]}';
		expect(scan([body])).toEqual(expect.objectContaining({ accepted: true, records: [{ id: 'this' }] }));
	});

	it('accepts an empty list with whitespace anywhere', () => {
		expect(scan([' \n{ "sessions" : [ \r\n\t ] } \n'])).toEqual(expect.objectContaining({ accepted: true, records: [] }));
	});

	it.each([
		['an empty body', ''],
		['null', 'null'],
		['an array', '[{"id":"a"}]'],
		['an object without the list', '{"result":"ok"}'],
		['a list that is null', '{"sessions":null}'],
		['a list that is an object', '{"sessions":{"id":"a"}}'],
		['a list of numbers', '{"sessions":[1]}'],
		['a list with a string', '{"sessions":[{"id":"a"},"b"]}'],
		['a list with a list', '{"sessions":[[]]}'],
		['a list with null after a record', '{"sessions":[{"id":"a"},null]}'],
		['a cut-off record', '{"sessions":[{"id":"a"},{"id":"b"'],
		['a cut-off string', '{"sessions":[{"id":"a'],
		['a missing end', '{"sessions":[{"id":"a"}]'],
		['a malformed record', '{"sessions":[{"id":}]}'],
		['records without a comma', '{"sessions":[{"id":"a"}{"id":"b"}]}'],
		['a trailing comma', '{"sessions":[{"id":"a"},]}'],
		['a second list of the same name', '{"sessions":[{"id":"a"}],"sessions":[{"id":"b"}]}'],
		['text after the object', '{"sessions":[]} and more'],
		['a second object', '{"sessions":[]}{"sessions":[]}'],
		['a broken member name', '{"sess\\x":[]}'],
		['an HTML page', '<!DOCTYPE html><html><body><h1>Down for maintenance</h1></body></html>'],
		['mismatched brackets', '{"sessions":[{"id":"a"}}]'],
	])('refuses %s', (_name, body) => {
		expect(scan([body]).accepted).toBe(false);
		expect(scan([...body]).accepted).toBe(false);
	});

	it('keeps the first 1024 characters to quote in an error', () => {
		const page = `<html>${'x'.repeat(5000)}</html>`;
		const { accepted, head } = scan(randomChunks(page, 42));
		expect(accepted).toBe(false);
		expect(head).toBe(page.slice(0, 1024));
	});

	it('lets an error of the receiver pass through unchanged', () => {
		const scanner = new JsonListScanner('sessions', () => {
			throw new RangeError('receiver failed');
		});
		expect(() => scanner.write('{"sessions":[{"id":"a"}]}')).toThrow(new RangeError('receiver failed'));
	});
});
