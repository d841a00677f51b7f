package io.inlet.k8s;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The documents of {@code k8s/*.yaml}, each parsed strictly as the class its apiVersion and kind name:
 * a field the Kubernetes API does not define (a typo, a field at the wrong level) or a key given twice
 * fails the parse. The fabric8 model keeps unknown fields in {@code additionalProperties} through
 * {@code @JsonAnySetter}; the mapper here ignores that annotation, so Jackson's
 * FAIL_ON_UNKNOWN_PROPERTIES applies.
 */
final class Manifests {

  static final String KUSTOMIZATION = "kustomization.yaml";

  /** A workload: a Deployment or a StatefulSet, seen through what the checks need. */
  record Workload(HasMetadata resource, LabelSelector selector, PodTemplateSpec template, Integer replicas) {
    String name() {
      return resource.getKind() + "/" + resource.getMetadata().getName();
    }

    Map<String, String> podLabels() {
      return template.getMetadata().getLabels();
    }

    Container container() {
      return template.getSpec().getContainers().get(0);
    }
  }

  /** One parsed document and the file it came from. */
  record Document(Path file, HasMetadata resource) {}

  private static final YAMLMapper STRICT = strictMapper();
  private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();

  final Path root;
  final Path dir;
  final List<Document> documents;

  private Manifests(Path root, List<Document> documents) {
    this.root = root;
    this.dir = root.resolve("k8s");
    this.documents = documents;
  }

  /** Loads every document of every k8s/*.yaml except the kustomization. */
  static Manifests load() {
    Path root = repositoryRoot();
    List<Document> documents = new ArrayList<>();
    for (Path file : manifestFiles(root.resolve("k8s"))) {
      for (JsonNode node : documents(file)) {
        documents.add(new Document(file, parseStrictly(node, file)));
      }
    }
    return new Manifests(root, documents);
  }

  /** The repository's root: the nearest directory upwards that holds k8s/kustomization.yaml. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("k8s").resolve(KUSTOMIZATION))) {
        return dir;
      }
    }
    throw new IllegalStateException("no k8s/" + KUSTOMIZATION + " above " + Path.of("").toAbsolutePath());
  }

  static List<Path> manifestFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
          .filter(f -> !f.getFileName().toString().equals(KUSTOMIZATION))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The YAML documents of a file, each as a tree (empty documents skipped). */
  static List<JsonNode> documents(Path file) {
    try (MappingIterator<JsonNode> docs = STRICT.readerFor(JsonNode.class).readValues(file.toFile())) {
      List<JsonNode> nodes = new ArrayList<>();
      while (docs.hasNextValue()) {
        JsonNode node = docs.nextValue();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          nodes.add(node);
        }
      }
      return nodes;
    } catch (IOException e) {
      throw new AssertionError(file.getFileName() + ": not valid YAML: " + e.getMessage(), e);
    }
  }

  /** Parses one document as the model class its apiVersion and kind name, failing on any unknown field. */
  static HasMetadata parseStrictly(JsonNode node, Path file) {
    String kind = node.path("apiVersion").asText() + " " + node.path("kind").asText();
    // fabric8's own registry says which class an apiVersion/kind is; the lenient parse only finds it.
    Object lenient = FABRIC8.convertValue(node, KubernetesResource.class);
    if (!(lenient instanceof HasMetadata typed) || lenient instanceof GenericKubernetesResource) {
      throw new AssertionError(file.getFileName() + ": '" + kind + "' is not a kind the Kubernetes model knows");
    }
    try {
      return STRICT.treeToValue(node, typed.getClass());
    } catch (IOException e) {
      throw new AssertionError(file.getFileName() + ": " + kind + " " + node.path("metadata").path("name").asText()
          + " does not parse strictly: " + e.getMessage(), e);
    }
  }

  /** Parses YAML text strictly as the given class (for the tests of the strictness itself). */
  static <T> T parseStrictly(String yaml, Class<T> type) throws IOException {
    return STRICT.readValue(yaml, type);
  }

  static YAMLMapper strictMapper() {
    YAMLMapper mapper = YAMLMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    mapper.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
      @Override
      public Boolean hasAnySetter(Annotated annotated) {
        return Boolean.FALSE;
      }
    });
    return mapper;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return documents.stream().map(Document::resource).filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
    return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
  }

  List<Workload> workloads() {
    List<Workload> workloads = new ArrayList<>();
    for (Deployment d : all(Deployment.class)) {
      workloads.add(new Workload(d, d.getSpec().getSelector(), d.getSpec().getTemplate(), d.getSpec().getReplicas()));
    }
    for (StatefulSet s : all(StatefulSet.class)) {
      workloads.add(new Workload(s, s.getSpec().getSelector(), s.getSpec().getTemplate(), s.getSpec().getReplicas()));
    }
    return workloads;
  }

  /**
   * The environment a container starts with: its ConfigMaps (envFrom), then its own variables. A
   * Secret's value is read from the Secret manifest; the pod IP is given as a sample address.
   */
  Map<String, String> environment(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : container.getEnvFrom()) {
      if (from.getConfigMapRef() == null) {
        throw new AssertionError(container.getName() + ": envFrom other than a ConfigMap is not expected");
      }
      String name = from.getConfigMapRef().getName();
      ConfigMap map = named(ConfigMap.class, name)
          .orElseThrow(() -> new AssertionError("envFrom names ConfigMap " + name + ", which no manifest defines"));
      String prefix = from.getPrefix() == null ? "" : from.getPrefix();
      map.getData().forEach((k, v) -> env.put(prefix + k, v));
    }
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), value(var));
    }
    return env;
  }

  private String value(EnvVar var) {
    if (var.getValueFrom() == null) {
      return var.getValue() == null ? "" : var.getValue();
    }
    var from = var.getValueFrom();
    if (from.getFieldRef() != null) {
      if (!from.getFieldRef().getFieldPath().equals("status.podIP")) {
        throw new AssertionError(var.getName() + ": unexpected fieldRef " + from.getFieldRef().getFieldPath());
      }
      return "10.1.2.3";
    }
    if (from.getSecretKeyRef() != null) {
      String name = from.getSecretKeyRef().getName();
      String key = from.getSecretKeyRef().getKey();
      Secret secret = named(Secret.class, name)
          .orElseThrow(() -> new AssertionError(var.getName() + " reads Secret " + name + ", which no manifest defines"));
      if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
        return secret.getStringData().get(key);
      }
      if (secret.getData() != null && secret.getData().containsKey(key)) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
      }
      throw new AssertionError(var.getName() + " reads key " + key + " of Secret " + name + ", which has no such key");
    }
    throw new AssertionError(var.getName() + ": unexpected valueFrom " + from);
  }

  /** Whether a label selector (matchLabels and matchExpressions) selects these labels. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> required = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    for (Map.Entry<String, String> e : required.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
      String value = labels.get(r.getKey());
      boolean ok = switch (r.getOperator()) {
        case "In" -> value != null && r.getValues().contains(value);
        case "NotIn" -> value == null || !r.getValues().contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> throw new AssertionError("unknown selector operator " + r.getOperator());
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A Service's plain map selector, as a label selector. */
  static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return selector != null && !selector.isEmpty()
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
