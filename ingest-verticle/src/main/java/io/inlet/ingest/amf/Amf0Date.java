package io.inlet.ingest.amf;

/**
 * An AMF date: milliseconds since the Unix epoch (UTC) as a double, plus the AMF0 time-zone field.
 * The AMF0 specification reserves the time zone and says it should be 0; it is kept rather than
 * dropped so that a decoded date encodes back to the same bytes. AMF3 dates carry no time zone and
 * decode with 0.
 */
public record Amf0Date(double epochMillis, short timeZoneMinutes) {}
