package io.inlet.decode.codec;

/**
 * A codec cannot be decoded on this node: no decoder in this FFmpeg build, or a configuration the
 * decoder refuses. The stream stays up, marked undecodable; the message is one readable sentence.
 */
public final class DecoderUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  public DecoderUnavailableException(String sentence) {
    super(sentence);
  }
}
