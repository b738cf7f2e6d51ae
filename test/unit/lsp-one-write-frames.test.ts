// Each LSP message leaves the server in one write: the header vscode-jsonrpc writes first is held for
// its body. With the real writer over a stream that records its writes.
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { StreamMessageReader, StreamMessageWriter, type Message } from 'vscode-jsonrpc/node';
import { framesInOneWrite } from '../../server/src/lsp/one-write-frames';

/** A stream that records each write it is given, as the pipe to the editor would see them. */
function recordingStream(): { stream: PassThrough; writes: Buffer[] } {
  const stream = new PassThrough();
  const writes: Buffer[] = [];
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: string | Buffer, ...rest: unknown[]) => {
    const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
    writes.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk));
    return write(chunk, ...rest);
  }) as typeof stream.write;
  return { stream, writes };
}

const publish = (version: number): Message =>
  ({
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: 'file:///w/Dockerfile', version, diagnostics: [{ message: 'é ü 🚢', range: {} }] },
  }) as Message;

describe('lsp one write per message', () => {
  it('sends the header and body of each message in one write, which a reader reads back', async () => {
    const { stream, writes } = recordingStream();
    framesInOneWrite(stream);
    const writer = new StreamMessageWriter(stream);
    const received: Message[] = [];
    new StreamMessageReader(stream).listen((message) => received.push(message));
    await Promise.all([writer.write(publish(1)), writer.write(publish(2)), writer.write(publish(3))]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(writes.length, 3, 'one write per message, not a header write and a body write');
    for (const write of writes) assert.match(write.toString('utf8'), /^Content-Length: \d+\r\n\r\n\{"jsonrpc"/);
    assert.deepEqual(received, [publish(1), publish(2), publish(3)]);
  });

  it('leaves other writes alone, and a string after a header still follows it', async () => {
    const { stream, writes } = recordingStream();
    framesInOneWrite(stream);
    await new Promise<void>((resolve) => stream.write('plain', 'utf8', () => resolve()));
    await new Promise<void>((resolve) => stream.write('Content-Length: 2\r\n\r\n', 'ascii', () => resolve()));
    assert.equal(writes.length, 1, 'the header waits for its body');
    stream.write('{}');
    assert.deepEqual(
      writes.map((w) => w.toString()),
      ['plain', 'Content-Length: 2\r\n\r\n', '{}'],
    );
  });
});
