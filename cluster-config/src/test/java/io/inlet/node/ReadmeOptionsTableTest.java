package io.inlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README.md's options table documents exactly the node's options, with the defaults the code has. */
class ReadmeOptionsTableTest {

  private static final String HEADER = "| flag | environment | default | meaning |";

  @Test
  void everyOptionIsARowWithItsVariableAndDefault() throws IOException {
    Map<String, String[]> rows = optionsTable();
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(
        NodeOptions.OPTIONS.stream().map(NodeOptions.Option::flag).toList());
    for (NodeOptions.Option option : NodeOptions.OPTIONS) {
      String[] cells = rows.get(option.flag());
      assertThat(cells[1]).as("--%s's variable", option.flag()).isEqualTo("`" + option.env() + "`");
      String documented = cells[2];
      if (documented.startsWith("`")) {
        assertThat(documented.substring(1, documented.indexOf('`', 1))).as("--%s's default", option.flag())
            .isEqualTo(option.defaultValue());
      } else {
        // Words instead of a value: unset, generated, or machine-dependent (the number of cores).
        assertThat(option.defaultValue()).as("--%s's default, documented as '%s'", option.flag(), documented)
            .isIn("", String.valueOf(Runtime.getRuntime().availableProcessors()));
      }
    }
  }

  /** The table's rows by flag (without dashes): the cells flag, environment, default, meaning. */
  private static Map<String, String[]> optionsTable() throws IOException {
    List<String> lines = Files.readAllLines(readme());
    int header = lines.indexOf(HEADER);
    assertThat(header).as("README.md has the options table").isNotNegative();
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (String line : lines.subList(header + 2, lines.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      String[] cells = line.substring(1).split(" \\| ");
      for (int i = 0; i < cells.length; i++) {
        cells[i] = cells[i].replace("|", "").trim();
      }
      rows.put(cells[0].replace("`", "").replaceFirst("^--", ""), cells);
    }
    return rows;
  }

  private static Path readme() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("cluster-config"))) {
        return dir.resolve("README.md");
      }
    }
    throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
  }
}
