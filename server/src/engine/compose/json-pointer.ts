// JSON pointers (RFC 6901) as ajv writes them in instancePath and schemaPath: `/`-separated
// segments in which `~1` stands for `/` and `~0` for `~`.

/** One segment as written in a pointer. */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** One pointer segment read back (`~1` before `~0`, so `~01` stays `~1`). */
export function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The keys a pointer names, in order; none for the root (''). */
export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map(unescapePointerSegment);
}
