/**
 * A `fetch` for the SDK's HTTP transports that caps the bytes of every response body. The SDK
 * reads a streamable-HTTP answer whole and an SSE stream event by event, holding an unfinished
 * event in memory: a server whose body never ends would fill memory without this. Bytes are
 * counted as they arrive; past the cap the body fails with an error naming the cap, and the
 * session is told at once (the SDK may swallow a stream's error, or retry it).
 */
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CapExceeded } from './session.ts';

export function boundedFetch(maxBytes: number, onExceeded: (error: CapExceeded) => void, inner: FetchLike = fetch): FetchLike {
  return async (url, init) => {
    const response = await inner(url, init);
    if (response.body === null) return response;
    let bytes = 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          bytes += chunk.byteLength;
          if (bytes <= maxBytes) return controller.enqueue(chunk);
          const error = new CapExceeded(`response body exceeded ${maxBytes} bytes`);
          onExceeded(error);
          // Erroring the stream also cancels the network body, which closes the connection.
          controller.error(error);
        },
      }),
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
