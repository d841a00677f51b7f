package io.inlet.ingest.publish;

/** What the publish gate counts. */
public interface PublishMetrics {

  /** A publish was refused for {@code reason} (see {@link PublishPolicy.Refusal#metricReason()}). */
  void authRefused(String reason);

  void streamStarted();

  void streamEnded();
}
