package io.inlet.k8s;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;

/**
 * Answers "may this source reach this pod on this TCP port?" under a set of NetworkPolicies, as the
 * Kubernetes semantics define it for ingress: a pod no policy selects accepts everything; a selected
 * pod accepts what at least one rule of a policy selecting it allows. Simplified where the manifests
 * do not go: a namespaceSelector or ipBlock peer is counted as admitting sources outside the
 * namespace (the permissive reading, so a "denied" answer holds for the real thing too).
 */
final class NetworkPolicies {

  /** Where a connection comes from: a pod of this namespace with these labels, or outside. */
  record Source(Map<String, String> labels) {
    static final Source OUTSIDE = new Source(null);

    static Source pod(Map<String, String> labels) {
      return new Source(labels);
    }

    boolean inNamespace() {
      return labels != null;
    }
  }

  private final List<NetworkPolicy> policies;

  NetworkPolicies(List<NetworkPolicy> policies) {
    this.policies = policies;
  }

  boolean allows(Source source, PodTemplateSpec target, int port) {
    Map<String, String> labels = target.getMetadata().getLabels();
    List<NetworkPolicy> selecting = policies.stream()
        .filter(p -> Manifests.matches(p.getSpec().getPodSelector(), labels))
        .filter(NetworkPolicies::governsIngress)
        .toList();
    if (selecting.isEmpty()) {
      return true;
    }
    for (NetworkPolicy policy : selecting) {
      for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
        if (admits(rule.getFrom(), source) && covers(rule.getPorts(), target, port)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean governsIngress(NetworkPolicy policy) {
    List<String> types = policy.getSpec().getPolicyTypes();
    return types == null || types.isEmpty() || types.contains("Ingress");
  }

  private static boolean admits(List<NetworkPolicyPeer> peers, Source source) {
    if (peers == null || peers.isEmpty()) {
      return true;
    }
    for (NetworkPolicyPeer peer : peers) {
      if (peer.getIpBlock() != null || peer.getNamespaceSelector() != null) {
        return true;
      }
      // An empty podSelector ({}) selects every pod of the namespace.
      if (source.inNamespace() && Manifests.matches(peer.getPodSelector(), source.labels())) {
        return true;
      }
    }
    return false;
  }

  private static boolean covers(List<NetworkPolicyPort> ports, PodTemplateSpec target, int port) {
    if (ports == null || ports.isEmpty()) {
      return true;
    }
    for (NetworkPolicyPort p : ports) {
      String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
      if (!protocol.equals("TCP")) {
        continue;
      }
      if (p.getPort() == null) {
        return true;
      }
      int first = p.getPort().getIntVal() != null ? p.getPort().getIntVal() : namedPort(target, p.getPort().getStrVal());
      int last = p.getEndPort() != null ? p.getEndPort() : first;
      if (port >= first && port <= last) {
        return true;
      }
    }
    return false;
  }

  /** A named port on the target's containers, or -1 (a name the pod does not have matches nothing). */
  static int namedPort(PodTemplateSpec target, String name) {
    return target.getSpec().getContainers().stream()
        .flatMap(c -> c.getPorts().stream())
        .filter(p -> name.equals(p.getName()))
        .mapToInt(ContainerPort::getContainerPort)
        .findFirst()
        .orElse(-1);
  }
}
