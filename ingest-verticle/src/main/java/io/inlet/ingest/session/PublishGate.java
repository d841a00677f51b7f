package io.inlet.ingest.session;

import io.vertx.core.Future;

/**
 * What a session asks before it lets a client publish: checks the key (through the auth role),
 * claims the stream name so it is live only once, and opens the stream's packet path.
 */
public interface PublishGate {

  /**
   * Opens a publish of {@code key} on application {@code app} from {@code remoteAddress}, whose
   * {@code connect} named {@code tcUrl} (null when it gave none). Fails with a
   * {@link PublishRefusedException} saying why it was refused; any other failure is treated as
   * "could not be checked" and refuses too (fail closed).
   */
  Future<PublishedStream> open(String app, String key, String remoteAddress, String tcUrl);
}
