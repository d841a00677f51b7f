package io.inlet.ingest.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CloseLogTest {

  @Test
  void beyondTwentyLinesASecondTheRestIsSummedUpInOneLine() {
    Logger logger = (Logger) LoggerFactory.getLogger("close-log-test");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    CloseLog log = new CloseLog(logger);

    int allowed = 0;
    for (int i = 0; i < 500; i++) {
      if (log.allow()) {
        allowed++;
      }
    }
    log.flush();

    assertThat(allowed).isEqualTo(CloseLog.LINES_PER_SECOND);
    assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
        .asString().startsWith("480 more connections were closed in the last second");
    log.flush();
    assertThat(lines.list).as("nothing more to sum up").hasSize(1);
  }
}
