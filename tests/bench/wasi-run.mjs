// Runs a wasm32-wasip1 program under Node's WASI (for the native vs wasm
// benchmark). Usage: node tests/bench/wasi-run.mjs PROGRAM.wasm [args...]
import fs from 'node:fs';
import { WASI } from 'node:wasi';

const [file, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, preopens: {}, returnOnExit: true });
const module = await WebAssembly.compile(fs.readFileSync(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
// Exit as soon as the program returns: tearing down a large WASI memory
// has crashed Node 20 here (SIGSEGV after the output was complete).
const code = wasi.start(instance);
process.exit(typeof code === 'number' ? code : 0);
