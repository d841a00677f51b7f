package io.inlet.ingest.session;

/**
 * Why a publish was refused: the RTMP status code to send and one readable sentence. The connection
 * is closed after the status is sent.
 */
public final class PublishRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String statusCode;

  public PublishRefusedException(String statusCode, String description) {
    super(description, null, false, false);
    this.statusCode = statusCode;
  }

  public static PublishRefusedException badName(String description) {
    return new PublishRefusedException(StatusMessages.PUBLISH_BAD_NAME, description);
  }

  public static PublishRefusedException failed(String description) {
    return new PublishRefusedException(StatusMessages.PUBLISH_FAILED, description);
  }

  public String statusCode() {
    return statusCode;
  }
}
