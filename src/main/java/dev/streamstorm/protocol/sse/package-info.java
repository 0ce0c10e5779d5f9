/**
 * The Server-Sent Events decoder: pure, I/O-free, fed the bytes of one stream chunk by chunk on the
 * stream's event loop. {@link dev.streamstorm.protocol.sse.SseDecoder} follows the WHATWG event
 * stream interpretation rules and hands each event to an {@link
 * dev.streamstorm.protocol.sse.SseListener} as a reusable {@link
 * dev.streamstorm.protocol.sse.SseEvent} flyweight.
 */
package dev.streamstorm.protocol.sse;
