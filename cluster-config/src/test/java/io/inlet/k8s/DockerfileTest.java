package io.inlet.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The image runs the node as bin/inlet does: same JVM flags, same jar, the user and ports the manifests expect. */
class DockerfileTest {

  /** One Dockerfile instruction, continuation lines joined. */
  record Instruction(String keyword, String arguments) {}

  private final Path root = Manifests.repositoryRoot();

  @Test
  void theEntrypointPassesBinInletsJvmFlags() throws IOException {
    List<String> entrypoint = entrypoint();
    assertThat(entrypoint.get(0)).isEqualTo("java");
    int jar = entrypoint.indexOf("-jar");
    assertThat(jar).as("-jar in %s", entrypoint).isPositive();
    assertThat(entrypoint.subList(jar + 1, entrypoint.size())).containsExactly("/app/inlet.jar");
    List<String> flags = entrypoint.subList(1, jar);
    assertThat(flags).as("the Dockerfile's JVM flags against bin/inlet's").isEqualTo(binInletFlags());
    assertThat(flags).as("the Dockerfile's JVM flags against the pom's inlet.jvm.flags")
        .isEqualTo(Arrays.asList(pomProperty("inlet.jvm.flags").trim().split("\\s+")));
  }

  @Test
  void twoStagesOnGlibcImagesCopyTheRunnableJar() throws IOException {
    List<Instruction> from = instructions("FROM");
    assertThat(from).extracting(Instruction::arguments)
        .containsExactly("maven:3.9-eclipse-temurin-17 AS build", "eclipse-temurin:17-jre");
    // bin/inlet adds flags only from Java 22 on; the runtime image is Java 17, so its flags are the base ones.
    assertThat(instructions("RUN")).extracting(Instruction::arguments)
        .anySatisfy(run -> assertThat(run).contains("mvn -q -B -DskipTests package"));
    assertThat(instructions("COPY")).extracting(Instruction::arguments)
        .contains("--from=build /src/cluster-config/target/inlet.jar /app/inlet.jar",
            "--from=build /src/cluster-config/target/lib/ /app/lib/");
    assertThat(Files.readString(root.resolve(".dockerignore"))).contains("**/target", ".git");
  }

  @Test
  void userAndPortsAreTheOnesTheManifestsUse() throws IOException {
    Manifests k8s = Manifests.load();
    assertThat(instructions("USER")).singleElement().extracting(Instruction::arguments).isEqualTo("10001:10001");
    Set<Integer> exposed = new TreeSet<>();
    instructions("EXPOSE").forEach(i -> Arrays.stream(i.arguments().split("\\s+")).map(Integer::valueOf).forEach(exposed::add));
    assertThat(exposed).containsExactlyInAnyOrder(1935, 8080, 5701);
    Set<Integer> declared = new TreeSet<>();
    for (Manifests.Workload w : k8s.workloads()) {
      assertThat(w.container().getSecurityContext().getRunAsUser()).isEqualTo(10001L);
      w.container().getPorts().stream().map(ContainerPort::getContainerPort).forEach(declared::add);
    }
    assertThat(declared).isEqualTo(exposed);
  }

  /** bin/inlet's base FLAGS=( ... ) array (in bin/jvm-flags, which it sources), as words. */
  private List<String> binInletFlags() throws IOException {
    assertThat(Files.readString(root.resolve("bin/inlet"))).contains("source \"$ROOT/bin/jvm-flags\"");
    String script = Files.readString(root.resolve("bin/jvm-flags"));
    Matcher m = Pattern.compile("^FLAGS=\\(([^)]*)\\)", Pattern.MULTILINE).matcher(script);
    assertThat(m.find()).as("FLAGS=( ... ) in bin/jvm-flags").isTrue();
    return Arrays.asList(m.group(1).trim().split("\\s+"));
  }

  private String pomProperty(String name) throws IOException {
    String pom = Files.readString(root.resolve("pom.xml"));
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">").matcher(pom);
    assertThat(m.find()).as("<%s> in pom.xml", name).isTrue();
    return m.group(1);
  }

  private List<String> entrypoint() throws IOException {
    List<Instruction> entrypoints = instructions("ENTRYPOINT");
    assertThat(entrypoints).as("ENTRYPOINT instructions").hasSize(1);
    // The exec (JSON) form: the JVM is PID 1 and gets SIGTERM itself, so the node drains.
    return new ObjectMapper().readValue(entrypoints.get(0).arguments(), new TypeReference<List<String>>() {});
  }

  private List<Instruction> instructions(String keyword) throws IOException {
    return instructions().stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  private List<Instruction> instructions() throws IOException {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(root.resolve("Dockerfile"))) {
      String trimmed = line.strip();
      if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String text = current.toString().strip();
      current.setLength(0);
      int space = text.indexOf(' ');
      instructions.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT), text.substring(space + 1).strip()));
    }
    return instructions;
  }
}
