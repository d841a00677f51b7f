package io.inlet.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.inlet.k8s.Manifests.Workload;
import io.inlet.k8s.NetworkPolicies.Source;
import io.inlet.node.ClusterMode;
import io.inlet.node.NodeOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Offline checks of k8s/: every manifest parses strictly, and the pieces refer to each other and to the node correctly. */
class ManifestsTest {

  private static final String NAMESPACE = "inlet";
  private static final Set<String> NODE_ENV =
      NodeOptions.OPTIONS.stream().map(NodeOptions.Option::env).collect(Collectors.toUnmodifiableSet());

  private static Manifests k8s;

  @BeforeAll
  static void load() {
    k8s = Manifests.load();
  }

  @Test
  void everyDocumentParsesStrictlyAsItsKindInTheNamespace() {
    assertThat(k8s.documents).isNotEmpty();
    Set<String> seen = new HashSet<>();
    for (Manifests.Document doc : k8s.documents) {
      HasMetadata r = doc.resource();
      String id = r.getKind() + "/" + r.getMetadata().getName();
      assertThat(seen.add(id)).as("%s is defined twice", id).isTrue();
      if (!(r instanceof Namespace)) {
        assertThat(r.getMetadata().getNamespace()).as("%s's namespace", id).isEqualTo(NAMESPACE);
      }
    }
    assertThat(k8s.named(Namespace.class, NAMESPACE)).isPresent();
  }

  @Test
  void strictParsingRejectsAnUnknownFieldAndADuplicateKey() {
    String typo = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          template:
            spec:
              containers:
                - name: x
                  image: x
                  readinesProbe: {}
        """;
    assertThatThrownBy(() -> Manifests.parseStrictly(typo, Deployment.class)).hasMessageContaining("readinesProbe");
    String duplicate = "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {type: ClusterIP, type: LoadBalancer}\n";
    assertThatThrownBy(() -> Manifests.parseStrictly(duplicate, Service.class)).hasMessageContaining("type");
  }

  @Test
  void theKustomizationListsEveryManifestFile() {
    Path kustomization = k8s.dir.resolve(Manifests.KUSTOMIZATION);
    JsonNode node = Manifests.documents(kustomization).get(0);
    Set<String> keys = new HashSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    // images: what `kustomize edit set image inlet=registry/inlet:tag` adds (README.md).
    assertThat(keys).contains("apiVersion", "kind", "namespace", "resources")
        .isSubsetOf("apiVersion", "kind", "namespace", "resources", "images");
    assertThat(node.path("kind").asText()).isEqualTo("Kustomization");
    assertThat(node.path("namespace").asText()).isEqualTo(NAMESPACE);
    List<String> resources = new ArrayList<>();
    node.path("resources").forEach(r -> resources.add(r.asText()));
    List<String> files = Manifests.manifestFiles(k8s.dir).stream().map(f -> f.getFileName().toString()).toList();
    assertThat(resources).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void servicesSelectWorkloadsAndTheirContainerPorts() {
    for (Service service : k8s.all(Service.class)) {
      String name = service.getMetadata().getName();
      List<Workload> selected = k8s.workloads().stream()
          .filter(w -> Manifests.matches(service.getSpec().getSelector(), w.podLabels()))
          .toList();
      assertThat(selected).as("workloads Service %s selects", name).isNotEmpty();
      for (ServicePort port : service.getSpec().getPorts()) {
        for (Workload w : selected) {
          assertThat(containerPort(w, port.getTargetPort()))
              .as("Service %s port %s: target %s on %s", name, port.getName(), port.getTargetPort(), w.name())
              .isNotNull()
              .satisfies(p -> assertThat(p.getProtocol()).isEqualTo(port.getProtocol()));
        }
      }
    }
    Service rtmp = k8s.named(Service.class, "inlet-rtmp").orElseThrow();
    assertThat(rtmp.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(rtmp.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(1935);
    Service http = k8s.named(Service.class, "inlet-http").orElseThrow();
    assertThat(http.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(http.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(8080);
  }

  @Test
  void everyWorkloadIsAValidNodeOfTheKubernetesCluster() {
    Set<io.inlet.node.Role> roles = EnumSet.noneOf(io.inlet.node.Role.class);
    for (Workload w : k8s.workloads()) {
      Map<String, String> env = k8s.environment(w.container());
      assertThat(env.keySet().stream().filter(k -> k.startsWith("INLET_")))
          .as("INLET_* variables of %s (NodeOptions knows %s)", w.name(), NODE_ENV)
          .isSubsetOf(NODE_ENV);
      // The Secret is a template: the node refuses its placeholder until a deployer replaces it.
      assertThatThrownBy(() -> NodeOptions.parse(new String[0], env)).as("%s with the template's token", w.name())
          .isInstanceOf(io.inlet.node.UsageException.class).hasMessageContaining("placeholder of k8s/admin-secret.yaml");
      env.put("INLET_ADMIN_TOKEN", "a-deployer-chosen-token-0123456789");
      NodeOptions options = NodeOptions.parse(new String[0], env);
      assertThat(options.roles()).as("%s runs one role", w.name()).hasSize(1);
      roles.addAll(options.roles());
      assertThat(w.resource().getMetadata().getName()).as("%s's roles", w.name())
          .isEqualTo("inlet-" + options.roles().iterator().next().name().toLowerCase(java.util.Locale.ROOT));
      assertThat(options.cluster()).isEqualTo(ClusterMode.KUBERNETES);
      assertThat(env).as("%s", w.name()).containsKeys("INLET_CLUSTER_HOST", "INLET_ADMIN_TOKEN");
      assertThat(w.container().getEnv()).as("%s announces its pod IP", w.name())
          .anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("INLET_CLUSTER_HOST");
            assertThat(v.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
          })
          .anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("INLET_ADMIN_TOKEN");
            assertThat(v.getValueFrom().getSecretKeyRef().getName()).isEqualTo("inlet-admin");
            assertThat(v.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
          });
      // The ports the node will listen on are the ports the container declares.
      assertThat(namedPort(w, "http")).isEqualTo(options.httpPort());
      assertThat(namedPort(w, "hazelcast")).isEqualTo(options.clusterPort());
      if (options.roles().contains(io.inlet.node.Role.INGEST)) {
        assertThat(namedPort(w, "rtmp")).isEqualTo(options.rtmpPort());
      }
      // Hazelcast's discovery reads a headless Service that lists this pod before it is ready.
      Service cluster = k8s.named(Service.class, options.kubernetesService()).orElseThrow(
          () -> new AssertionError(w.name() + ": INLET_KUBERNETES_SERVICE names no Service"));
      assertThat(cluster.getSpec().getClusterIP()).isEqualTo("None");
      assertThat(cluster.getSpec().getPublishNotReadyAddresses()).isTrue();
      assertThat(Manifests.matches(cluster.getSpec().getSelector(), w.podLabels())).isTrue();
      assertThat(cluster.getSpec().getPorts()).extracting(ServicePort::getPort).contains(options.clusterPort());
      // Draining fits in the grace period: the drain, then Main's margin to stop.
      long needed = options.number("drain-grace-ms") / 1000 + stopMarginSeconds();
      assertThat(w.template().getSpec().getTerminationGracePeriodSeconds()).as("%s", w.name())
          .isGreaterThanOrEqualTo(needed);
    }
    assertThat(roles).as("roles the cluster runs").isEqualTo(EnumSet.allOf(io.inlet.node.Role.class));
  }

  @Test
  void probesUseThePathsTheNodeServes() throws Exception {
    Set<String> paths = RouterPaths.served();
    assertThat(paths).contains("/health/live", "/health/ready");
    for (Workload w : k8s.workloads()) {
      Container c = w.container();
      assertThat(c.getLivenessProbe()).as("%s liveness", w.name()).isNotNull();
      assertThat(c.getReadinessProbe()).as("%s readiness", w.name()).isNotNull();
      assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
      assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
      for (Probe probe : new Probe[] {c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()}) {
        if (probe != null) {
          assertThat(paths).as("%s probe path", w.name()).contains(probe.getHttpGet().getPath());
          assertThat(containerPort(w, probe.getHttpGet().getPort())).as("%s probe port", w.name())
              .extracting(ContainerPort::getContainerPort).isEqualTo(8080);
        }
      }
    }
  }

  @Test
  void podsRunLockedDown() {
    for (Workload w : k8s.workloads()) {
      PodSpec pod = w.template().getSpec();
      Container c = w.container();
      assertThat(pod.getContainers()).as("%s containers", w.name()).hasSize(1);
      assertThat(c.getImage()).isEqualTo("inlet:latest");
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      var sc = c.getSecurityContext();
      assertThat(sc.getRunAsNonRoot()).as("%s", w.name()).isTrue();
      assertThat(sc.getRunAsUser()).isEqualTo(10001L);
      assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
      assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
      assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
      // /tmp is an emptyDir, and JavaCPP unpacks its natives there.
      String tmpVolume = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
          .findFirst().orElseThrow(() -> new AssertionError(w.name() + " mounts nothing at /tmp")).getName();
      assertThat(pod.getVolumes()).anySatisfy(v -> {
        assertThat(v.getName()).isEqualTo(tmpVolume);
        assertThat(v.getEmptyDir()).isNotNull();
      });
      assertThat(k8s.environment(c).get("JAVA_TOOL_OPTIONS")).as("%s JAVA_TOOL_OPTIONS", w.name())
          .containsPattern("-Dorg\\.bytedeco\\.javacpp\\.cachedir=/tmp/\\S+");
      for (String resource : List.of("cpu", "memory")) {
        Quantity request = c.getResources().getRequests().get(resource);
        Quantity limit = c.getResources().getLimits().get(resource);
        assertThat(request).as("%s %s request", w.name(), resource).isNotNull();
        assertThat(limit).as("%s %s limit", w.name(), resource).isNotNull();
        assertThat(request.getNumericalAmount()).isLessThanOrEqualTo(limit.getNumericalAmount());
      }
      assertThat(k8s.named(ServiceAccount.class, pod.getServiceAccountName())).as("%s service account", w.name()).isPresent();
    }
  }

  @Test
  void theServiceAccountMayReadWhatHazelcastDiscoveryReads() {
    for (Workload w : k8s.workloads()) {
      String account = w.template().getSpec().getServiceAccountName();
      List<PolicyRule> rules = k8s.all(RoleBinding.class).stream()
          .filter(b -> b.getSubjects().stream().anyMatch(s -> s.getKind().equals("ServiceAccount")
              && s.getName().equals(account) && NAMESPACE.equals(s.getNamespace())))
          .filter(b -> b.getRoleRef().getKind().equals("Role"))
          .flatMap(b -> k8s.named(Role.class, b.getRoleRef().getName()).stream())
          .flatMap(r -> r.getRules().stream())
          .toList();
      for (String[] needed : new String[][] {{"", "endpoints"}, {"", "pods"}, {"", "services"},
          {"discovery.k8s.io", "endpointslices"}}) {
        for (String verb : List.of("get", "list")) {
          assertThat(rules).as("%s may %s %s", account, verb, needed[1]).anySatisfy(rule -> {
            assertThat(rule.getApiGroups()).contains(needed[0]);
            assertThat(rule.getResources()).contains(needed[1]);
            assertThat(rule.getVerbs()).contains(verb);
          });
        }
      }
    }
  }

  @Test
  void disruptionBudgetsAndTheAutoscalerTargetTheWorkloads() {
    List<PodDisruptionBudget> budgets = k8s.all(PodDisruptionBudget.class);
    for (PodDisruptionBudget pdb : budgets) {
      assertThat(k8s.workloads().stream().filter(w -> Manifests.matches(pdb.getSpec().getSelector(), w.podLabels())))
          .as("workloads PDB %s selects", pdb.getMetadata().getName()).hasSize(1);
    }
    for (Workload w : k8s.workloads()) {
      assertThat(budgets.stream().filter(p -> Manifests.matches(p.getSpec().getSelector(), w.podLabels())))
          .as("PDBs of %s", w.name()).hasSize(1);
      assertThat(Manifests.matches(w.selector(), w.podLabels())).as("%s selects its own pods", w.name()).isTrue();
    }
    HorizontalPodAutoscaler hpa = k8s.named(HorizontalPodAutoscaler.class, "inlet-decode").orElseThrow();
    var target = hpa.getSpec().getScaleTargetRef();
    assertThat(target.getApiVersion()).isEqualTo("apps/v1");
    assertThat(target.getKind()).isEqualTo("Deployment");
    Deployment decode = k8s.named(Deployment.class, target.getName()).orElseThrow();
    // The autoscaler owns the replica count: a fixed one would be reset on every apply.
    assertThat(decode.getSpec().getReplicas()).as("replicas of the autoscaled Deployment").isNull();
    assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
    assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(m -> {
      assertThat(m.getType()).isEqualTo("Resource");
      assertThat(m.getResource().getName()).isEqualTo("cpu");
    });
    assertThat(decode.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests())
        .as("CPU utilization needs a CPU request").containsKey("cpu");
  }

  @Test
  void theAuthStatefulSetKeepsItsKeysOnAVolume() {
    StatefulSet auth = k8s.named(StatefulSet.class, "inlet-auth").orElseThrow();
    assertThat(auth.getSpec().getReplicas()).isEqualTo(2);
    Service governing = k8s.named(Service.class, auth.getSpec().getServiceName()).orElseThrow();
    assertThat(governing.getSpec().getClusterIP()).isEqualTo("None");
    Container c = auth.getSpec().getTemplate().getSpec().getContainers().get(0);
    String dataDir = k8s.environment(c).get("INLET_DATA_DIR");
    assertThat(dataDir).isEqualTo("/data");
    String claim = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(dataDir)).findFirst()
        .orElseThrow(() -> new AssertionError("nothing is mounted at " + dataDir)).getName();
    assertThat(auth.getSpec().getVolumeClaimTemplates()).anySatisfy(t -> {
      assertThat(t.getMetadata().getName()).isEqualTo(claim);
      assertThat(t.getSpec().getResources().getRequests()).containsKey("storage");
    });
  }

  @Test
  void networkPolicyOpensRtmpToAllAndTheRestToTheNamespace() {
    List<NetworkPolicy> policies = k8s.all(NetworkPolicy.class);
    for (NetworkPolicy p : policies) {
      List<Workload> selected = k8s.workloads().stream()
          .filter(w -> Manifests.matches(p.getSpec().getPodSelector(), w.podLabels())).toList();
      assertThat(selected).as("pods NetworkPolicy %s selects", p.getMetadata().getName()).isNotEmpty();
      p.getSpec().getIngress().stream().flatMap(r -> r.getPorts().stream())
          .filter(port -> port.getPort() != null && port.getPort().getStrVal() != null)
          .forEach(port -> selected.forEach(w -> assertThat(NetworkPolicies.namedPort(w.template(), port.getPort().getStrVal()))
              .as("port %s on %s", port.getPort().getStrVal(), w.name()).isPositive()));
    }
    NetworkPolicies net = new NetworkPolicies(policies);
    int eventBusPort = 41234; // chosen by the node at start: any port
    Workload ingest = workload("inlet-ingest");
    Source otherPod = Source.pod(Map.of("app", "prometheus"));
    assertThat(net.allows(Source.OUTSIDE, ingest.template(), 1935)).as("RTMP from anywhere").isTrue();
    for (Workload w : k8s.workloads()) {
      for (int port : new int[] {8080, 5701, eventBusPort}) {
        assertThat(net.allows(Source.OUTSIDE, w.template(), port)).as("%s:%d from outside", w.name(), port).isFalse();
      }
      if (!w.equals(ingest)) {
        assertThat(net.allows(Source.OUTSIDE, w.template(), 1935)).as("%s:1935 from outside", w.name()).isFalse();
      }
      for (Workload from : k8s.workloads()) {
        for (int port : new int[] {8080, 5701, eventBusPort}) {
          assertThat(net.allows(Source.pod(from.podLabels()), w.template(), port))
              .as("%s -> %s:%d", from.name(), w.name(), port).isTrue();
        }
      }
      assertThat(net.allows(otherPod, w.template(), 8080)).as("HTTP from the namespace to %s", w.name()).isTrue();
      assertThat(net.allows(otherPod, w.template(), 5701)).as("Hazelcast from a foreign pod to %s", w.name()).isFalse();
    }
  }

  private static Workload workload(String name) {
    return k8s.workloads().stream().filter(w -> w.resource().getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }

  private static ContainerPort containerPort(Workload w, IntOrString port) {
    return w.template().getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
        .filter(p -> port.getIntVal() != null ? port.getIntVal().equals(p.getContainerPort()) : port.getStrVal().equals(p.getName()))
        .findFirst().orElse(null);
  }

  private static Integer namedPort(Workload w, String name) {
    ContainerPort port = containerPort(w, new IntOrString(name));
    return port == null ? null : port.getContainerPort();
  }

  /** Main's margin beyond the drain for stopping (a private constant; read so the two cannot drift). */
  private static long stopMarginSeconds() {
    try {
      var field = io.inlet.node.Main.class.getDeclaredField("STOP_MARGIN_S");
      field.setAccessible(true);
      return field.getLong(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("io.inlet.node.Main.STOP_MARGIN_S is gone; update this check", e);
    }
  }
}
