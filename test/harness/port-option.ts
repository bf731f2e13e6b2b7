/* eslint-disable @n8n/community-nodes/no-restricted-globals -- read by command-line entry points that run in plain Node, never inside n8n */
/**
 * A port from `--flag N`, else from an environment variable, else the fallback; 0 asks for any
 * free port. For the repo's command-line entry points (`npm run simulator`, `npm run dev`).
 */
export function portOption(flag: string, environmentVariable: string, fallback: number): number {
	const position = process.argv.indexOf(flag);
	const value = position >= 0 ? process.argv[position + 1] : process.env[environmentVariable];
	const port = Number(value ?? fallback);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${flag}: not a port: ${value}`);
	return port;
}
