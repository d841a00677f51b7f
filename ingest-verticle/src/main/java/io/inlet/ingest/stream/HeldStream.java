package io.inlet.ingest.stream;

/**
 * A stream that holds a name, as the publish policy sees it when another publish asks for the name;
 * durations on this node's monotonic clock.
 *
 * @param interrupted its publisher's connection ended without an unpublish: it waits for a resume
 * @param idleMs how long its publisher has sent no media
 * @param sinceTakeoverMs how long ago it was last taken over, or {@link Long#MAX_VALUE} if never
 */
public record HeldStream(boolean interrupted, long idleMs, long sinceTakeoverMs) {}
