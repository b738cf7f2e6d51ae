// vscode-jsonrpc writes each message to the stream in two writes, its `Content-Length` header and then,
// once that write has called back, its body. Over a pipe each write is a system call that wakes the
// editor, which reads the header alone and waits again: on a loaded machine the server was often
// descheduled right after the header write, so the diagnostics of an edit reached the editor only when
// the server ran again (#22: in a profile of 200 edits, 42 pauses over 3 ms began at the header write,
// against few at the body's). Here the header is held until its body is written, and both go in one
// write: the editor wakes once, to a whole message.

type WriteCallback = (error?: Error | null) => void;

/** The part of a Node writable stream this needs (process.stdout in the server). */
export interface FrameStream {
  write(chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean;
}

const HEADER = 'Content-Length: ';

/**
 * Makes each header write to `stream` wait for the write that follows it, and sends the two in one
 * write. The header's own write reports success at once (on the next tick, as a write would); any
 * error of the combined write goes to the body's callback, which is where vscode-jsonrpc reports a
 * message that could not be sent.
 */
export function framesInOneWrite(stream: FrameStream): void {
  const write = stream.write.bind(stream);
  let header: string | undefined;
  stream.write = (chunk, encodingOrCallback, callback) => {
    const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : undefined;
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (header === undefined && typeof chunk === 'string' && encoding === 'ascii' && chunk.startsWith(HEADER)) {
      header = chunk;
      if (done) process.nextTick(done);
      return true;
    }
    if (header !== undefined) {
      const held = Buffer.from(header, 'ascii');
      header = undefined;
      // Anything but a body (nothing else writes between them today) still goes after the header, as it would have.
      if (typeof chunk === 'string') write(held);
      else return write(Buffer.concat([held, chunk], held.length + chunk.length), done);
    }
    return encoding === undefined ? write(chunk, done) : write(chunk, encoding, done);
  };
}
