package io.inlet.decode.sink;

/**
 * The stream a sink is opened for.
 *
 * @param name the stream's public name (never its key)
 * @param decodeNode the node decoding it
 */
public record StreamDescriptor(String name, String decodeNode) {}
