// n8n-core writes its settings and encryption key under $N8N_USER_FOLDER/.n8n on first use:
// give every test file a throwaway folder instead of the developer's home, and remove it after.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const userFolder = mkdtempSync(join(tmpdir(), 'evovoice-n8n-'));
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// Failing runs are expected in tests; n8n's logger would print each one.
process.env.N8N_LOG_LEVEL = 'silent';

afterAll(() => rmSync(userFolder, { recursive: true, force: true }));
