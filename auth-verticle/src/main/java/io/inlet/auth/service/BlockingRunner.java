package io.inlet.auth.service;

import io.vertx.core.Future;
import java.util.concurrent.Callable;

/**
 * Runs blocking work (file I/O) away from the event loop, in submission order, and completes the
 * future back on the caller's context. The verticle uses {@code vertx.executeBlocking(task, true)};
 * tests may run the task inline.
 */
public interface BlockingRunner {

  <T> Future<T> run(Callable<T> task);
}
